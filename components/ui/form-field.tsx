import { useId, type ReactNode } from 'react';

/** The props a control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * Label, control, hint and error in one place, wired together with ids so a screen reader reads the
 * hint and the error as the control's description. The error sits right under its field.
 */
export function FormField({
  label,
  hint,
  error,
  optional,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint || optional ? hintId : null].filter(Boolean).join(' ') || undefined;
  // "(optional)" stays outside the <label>, so the control's name is exactly its label;
  // screen readers hear "Optional." in the description instead.
  return (
    <div>
      <div className="flex items-baseline gap-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {optional ? (
          <span aria-hidden="true" className="text-sm text-slate-500">
            (optional)
          </span>
        ) : null}
      </div>
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hint || optional ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {optional ? <span className="sr-only">Optional. </span> : null}
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {children}
    </p>
  );
}

export const controlClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none aria-[invalid=true]:border-red-600 disabled:bg-slate-100';
