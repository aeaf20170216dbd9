'use client';

import type { ReactNode } from 'react';
import { useNow } from './use-now';

/**
 * Shows its children only until `until`, then `after`: a button that can only fail once the time is up
 * (Extend, Revoke on a grant the sweep is ending) disappears at that second, without waiting for a reload.
 * The server decides the first render; the browser's clock takes over from there.
 */
export function WhileTimeLeft({ until, children, after = null }: { until: string; children: ReactNode; after?: ReactNode }) {
  const now = useNow();
  return now !== null && now >= new Date(until).getTime() ? after : children;
}
