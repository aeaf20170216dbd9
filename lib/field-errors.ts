import type { z } from 'zod';

// Shared by the HTTP layer (400 bodies), services (422 on re-checked input) and forms (messages next
// to inputs). It lives beside lib/errors.ts, not in lib/http, so services never import the HTTP layer.

/** First message per field, keyed by the dotted path: what a form shows next to each input. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  }
  return fields;
}
