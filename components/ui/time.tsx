'use client';

import { useNow } from './use-now';

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

/** "2 h 5 min", "45 s": the largest two units, for durations and time left. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
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
