import type { ReactNode } from 'react';

/**
 * What an action just did, at the top of the page it leaves you on. Pages render it from a query
 * parameter the action navigates to (e.g. `?cancelled=<id>`), so it survives the refresh that removes
 * the row the button lived in, and a polite status region announces it.
 */
export function ActionNotice({ children }: { children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="mb-6 rounded-md bg-green-50 p-4 text-sm text-green-900 ring-1 ring-green-200">
      {children}
    </div>
  );
}
