import type { FormAction } from '@/components/ui/use-form-action';

/**
 * The form's outcome, announced to screen readers: a polite live region for success and advice,
 * an alert for a refusal. Both regions always exist so their changes are read out.
 */
export function FormStatus({
  form,
  saved = 'Saved.',
  showWarnings = true,
}: {
  form: Pick<FormAction<never, unknown>, 'data' | 'fields' | 'formError'>;
  /** The success note; any advice the service returned (`warnings`) follows it. */
  saved?: string;
  showWarnings?: boolean;
}) {
  const error = form.formError ?? (Object.keys(form.fields).length > 0 ? 'Please correct the fields marked below.' : null);
  const warnings = (form.data as { warnings?: string[] } | null)?.warnings ?? [];
  return (
    <>
      <div role="alert" className="empty:hidden rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
        {error}
      </div>
      <div aria-live="polite" className="empty:hidden">
        {form.data ? (
          <div className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
            <p>{saved}</p>
            {showWarnings ? <Warnings warnings={warnings} /> : null}
          </div>
        ) : null}
      </div>
    </>
  );
}

export function Warnings({ warnings, title = 'Worth a look:' }: { warnings: string[]; title?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="mt-2 text-amber-900">
      <p className="font-medium">{title}</p>
      <ul className="mt-1 list-disc pl-5">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
