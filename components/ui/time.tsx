'use client';

import { useNow } from './use-now';
import { formatSpan } from '@/lib/domain/durations';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** An absolute time in the reader's own timezone (UTC in server HTML until the browser takes over). */
export function LocalTime({ iso }: { iso: string }) {
  const now = useNow();
  const text = now === null ? utc(iso) : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={iso} title={utc(iso)}>
      {text}
    </time>
  );
}

/** "3 min ago" / "in 2 h": relative to now, refreshed every second, absolute time on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const at = new Date(iso).getTime();
  const text = now === null ? utc(iso) : at <= now ? `${formatSpan(now - at)} ago` : `in ${formatSpan(at - now)}`;
  return (
    <time dateTime={iso} title={utc(iso)}>
      {text}
    </time>
  );
}

/** A live countdown to `until`; says what happens at zero instead of going negative. */
export function TimeLeft({ until, atZero = 'ending now' }: { until: string; atZero?: string }) {
  const now = useNow();
  const left = new Date(until).getTime() - (now ?? 0);
  let text: string;
  if (now === null) text = `until ${utc(until)}`;
  else if (left <= 0) text = atZero;
  else text = `${formatSpan(left)} left`;
  return (
    <span role="timer" aria-live="off" data-testid="time-left">
      {text}
    </span>
  );
}
