/** Retry delays for a message that could not be delivered: 30 s, 1 min, 2 min … capped at 1 h. */
export function notifyBackoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000);
}

/** How long a message is retried before it is marked failed (and shown in /api/health). */
export const NOTIFY_GIVE_UP_MS = 24 * 60 * 60_000;

/**
 * True when the waits between `attempts` tries add up to 24 h: counted in tries, not from the row's
 * creation time, so the rule does not depend on the database's clock agreeing with the scheduler's.
 */
export function shouldGiveUp(attempts: number): boolean {
  let waited = 0;
  for (let i = 1; i < attempts; i++) waited += notifyBackoffMs(i);
  return waited >= NOTIFY_GIVE_UP_MS;
}

/** A claimed message is someone's for this long; past it, a crashed sender's claim is taken over. */
export const NOTIFY_LEASE_MS = 2 * 60_000;
