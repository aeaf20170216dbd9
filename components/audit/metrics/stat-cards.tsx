import { AppLink } from '@/components/ui/app-link';
import type { ReactNode } from 'react';

export interface Stat {
  label: string;
  value: string;
  hint?: ReactNode;
  /** Where the underlying events can be read. */
  href?: string;
  /** Draws the eye when the number means trouble (failing revocations, drift). */
  alert?: boolean;
}

/** The headline numbers, as a definition list: each label names its value for screen readers. */
export function StatCards({ stats }: { stats: Stat[] }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {stats.map((s) => (
        <div key={s.label} className={`rounded-lg bg-white p-4 shadow-sm ring-1 ${s.alert ? 'ring-2 ring-red-300' : 'ring-slate-200'}`}>
          <dt className="text-sm font-medium text-slate-600">{s.label}</dt>
          <dd className={`mt-1 text-2xl font-bold tracking-tight ${s.alert ? 'text-red-800' : 'text-slate-900'}`} data-testid={`metric-${s.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>
            {s.value}
          </dd>
          {s.hint || s.href ? (
            <dd className="mt-1 text-xs text-slate-600">
              {s.hint}{' '}
              {s.href ? (
                <AppLink href={s.href} className="font-medium text-brand-700 underline" aria-label={`See events: ${s.label}`}>
                  See events
                </AppLink>
              ) : null}
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
