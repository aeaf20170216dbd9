import type { ReactNode } from 'react';

/**
 * What a list or section shows when it has nothing to show. Dashed when nothing is the normal,
 * expected state (no requests yet, an empty inbox); a plain card otherwise. With a label it is a
 * named region, for an emptiness that replaces a whole section.
 */
export function EmptyState({ children, dashed = false, label, className = '' }: { children: ReactNode; dashed?: boolean; label?: string; className?: string }) {
  const look = `rounded-lg bg-white p-6 text-sm text-slate-700 ${dashed ? 'border border-dashed border-slate-300' : 'ring-1 ring-slate-200'} ${className}`;
  if (label) {
    return (
      <section aria-label={label} className={look}>
        {children}
      </section>
    );
  }
  return <p className={look}>{children}</p>;
}
