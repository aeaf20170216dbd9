import { policyFieldNames, policyFlagNames } from '@/lib/domain/admin-input';

export { policyFieldNames };

// Reads the policy inputs of a form into the shape the admin schemas parse. Text stays text (the
// schema turns "a, b" into a list and "60" into a number); checkboxes become booleans, since an
// unticked box is simply missing from FormData.

const checkboxes = new Set<string>(policyFlagNames);

export function policyFromForm(form: FormData): Record<string, string | boolean> {
  return Object.fromEntries(policyFieldNames.map((name) => [name, checkboxes.has(name) ? form.get(name) === 'on' : String(form.get(name) ?? '')]));
}

/** Field errors of one nested object ("policy.x" → "x"). */
export function errorsUnder(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).flatMap(([k, v]) => (k.startsWith(`${prefix}.`) ? [[k.slice(prefix.length + 1), v]] : [])));
}
