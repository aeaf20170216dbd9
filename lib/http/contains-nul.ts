import { MAX_INPUT_DEPTH, nestedDeeperThan } from '@/lib/domain/nesting-depth';
import { AppError } from '@/lib/errors';

// PostgreSQL text cannot hold U+0000: a "\u0000" that reached a query would fail there, as a 500.
// So every entry point (JSON bodies, query strings, server-action input) refuses it here, in keys and
// values alike, as the client's mistake it is.

/** Deep check for U+0000 in strings and keys. Iterative, so no nesting depth can overflow the stack or slip past. */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (next !== null && typeof next === 'object') {
      for (const [key, child] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/** Throws the 400 every entry point answers for input holding a NUL. */
export function refuseNul(value: unknown): void {
  if (containsNul(value)) throw new AppError('bad_request', 'Text must not contain NUL (\\u0000) characters.');
}

/** Throws the 400 every entry point answers for input nested deeper than any real input (see nesting-depth.ts). */
export function refuseDeepNesting(value: unknown): void {
  if (nestedDeeperThan(value, MAX_INPUT_DEPTH)) throw new AppError('bad_request', `Input must not nest more than ${MAX_INPUT_DEPTH} levels deep.`);
}
