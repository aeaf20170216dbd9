import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';

/** A section whose behaviour arrives in a later issue: says plainly what will be here. */
export function ComingSoon({ children }: { children: ReactNode }) {
  return (
    <EmptyState dashed label="Coming soon">
      {children}
    </EmptyState>
  );
}
