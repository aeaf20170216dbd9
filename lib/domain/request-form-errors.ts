import { fieldErrorsOf } from '@/lib/field-errors';
import { BREAK_GLASS_JUSTIFICATION_MIN } from './break-glass';
import { checkRequestFields, type FieldRules } from './policy';
import { requestAccessInput } from './request-input';

/** What the request form sends, as typed (numbers and times still text). */
export type RequestFormValues = Record<'resource' | 'role' | 'durationMinutes' | 'justification' | 'ticket' | 'startAt', string>;

/**
 * Every message the request form can know before it submits, by input: the input's shape (the same
 * schema the server parses) and the chosen role's policy, together — so one submit flags Duration,
 * Justification and Ticket at once instead of one per round trip. The server checks all of it again.
 */
export function requestFormErrors(policy: FieldRules | null, values: RequestFormValues, breakGlassUpToMinutes: number | null = null): Record<string, string> {
  const parsed = requestAccessInput.safeParse(values);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (!policy) return errors;
  const minutes = requestAccessInput.shape.durationMinutes.safeParse(values.durationMinutes);
  const duration = minutes.success ? minutes.data : 0; // a bad number is already flagged above
  // Break-glass has its own (shorter) limit and a longer justification; the ticket rule is the same.
  const rules = breakGlassUpToMinutes === null ? policy : { ...policy, maxDurationMinutes: Number.MAX_SAFE_INTEGER };
  if (breakGlassUpToMinutes !== null) {
    if (duration > breakGlassUpToMinutes) errors.durationMinutes ??= `Break-glass access lasts at most ${breakGlassUpToMinutes} minutes.`;
    if (values.justification.trim().length < BREAK_GLASS_JUSTIFICATION_MIN) errors.justification ??= `Break-glass needs a justification of at least ${BREAK_GLASS_JUSTIFICATION_MIN} characters: say what is broken.`;
  }
  for (const v of checkRequestFields(rules, { durationMinutes: duration, justification: values.justification, ticket: values.ticket.trim() || undefined })) {
    errors[v.field] ??= v.message;
  }
  return errors;
}
