import type { ReactNode } from 'react';

/** A failure that belongs to the whole form (not one field): announced at once. */
export function FormError({ children, title = 'That did not work' }: { children: ReactNode; title?: string }) {
  if (!children) return null;
  return (
    <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
      <p className="font-semibold">{title}</p>
      <p className="mt-0.5">{children}</p>
    </div>
  );
}

/** A one-line failure beside the control that caused it (a button, a small form): announced at once. */
export function InlineError({ children, id, className = 'text-sm' }: { children: ReactNode; id?: string; className?: string }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className={`text-red-700 ${className}`}>
      {children}
    </p>
  );
}
