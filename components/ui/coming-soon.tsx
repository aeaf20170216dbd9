import type { ReactNode } from 'react';

/** A section whose behaviour arrives in a later issue: says plainly what will be here. */
export function ComingSoon({ children }: { children: ReactNode }) {
  return (
    <section aria-label="Coming soon" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
      {children}
    </section>
  );
}
