import { fieldErrorsOf } from '@/lib/field-errors';
import { checkRequestFields, type FieldRules } from './policy';
import { requestAccessInput } from './request-input';

/** What the request form sends, as typed (numbers and times still text). */
export type RequestFormValues = Record<'resource' | 'role' | 'durationMinutes' | 'justification' | 'ticket' | 'startAt', string>;

/**
 * Every message the request form can know before it submits, by input: the input's shape (the same
 * schema the server parses) and the chosen role's policy, together — so one submit flags Duration,
 * Justification and Ticket at once instead of one per round trip. The server checks all of it again.
 */
export function requestFormErrors(policy: FieldRules | null, values: RequestFormValues): Record<string, string> {
  const parsed = requestAccessInput.safeParse(values);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (!policy) return errors;
  const minutes = requestAccessInput.shape.durationMinutes.safeParse(values.durationMinutes);
  const duration = minutes.success ? minutes.data : 0; // a bad number is already flagged above
  for (const v of checkRequestFields(policy, { durationMinutes: duration, justification: values.justification, ticket: values.ticket.trim() || undefined })) {
    errors[v.field] ??= v.message;
  }
  return errors;
}
