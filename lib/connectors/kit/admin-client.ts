import { ADMIN_CONNECT_BOUND_MS, ADMIN_LOCK_BOUND_MS, ADMIN_STATEMENT_BOUND_MS, REVOCATION_LEASE_MS } from '@/lib/domain/revocation-lease';
import { ConnectorError } from './connector-error';

/** How long an admin connection may wait, at each step. */
export interface AdminTimeouts {
  /** Opening the connection (client side). */
  connectMs: number;
  /** Any one statement, lock waits included: enforced by the target server, so it ends there too. */
  statementMs: number;
  /** Any one lock wait, enforced by the server wherever it has such a bound; at most statementMs. */
  lockMs: number;
}

/** The default: derived from the revocation lease, so a deprovision stuck on a lock fails while its attempt still holds the lease. */
export const LEASE_DERIVED_TIMEOUTS: Readonly<AdminTimeouts> = Object.freeze({
  connectMs: ADMIN_CONNECT_BOUND_MS,
  statementMs: ADMIN_STATEMENT_BOUND_MS,
  lockMs: ADMIN_LOCK_BOUND_MS,
});

/**
 * The lease-derived timeouts with some replaced (tests inject short ones), checked: each positive, a lock
 * wait no longer than a statement, and connect plus one statement below the lease. Anything else
 * would let an attempt outlive its lease, so it is refused at construction, not discovered in production.
 */
export function adminTimeouts(overrides: Partial<AdminTimeouts> = {}): AdminTimeouts {
  const t = { ...LEASE_DERIVED_TIMEOUTS, ...overrides };
  const positive = [t.connectMs, t.statementMs, t.lockMs].every((ms) => Number.isFinite(ms) && ms > 0);
  if (!positive || t.lockMs > t.statementMs || t.connectMs + t.statementMs >= REVOCATION_LEASE_MS) {
    throw new ConnectorError(`admin timeouts must be positive, lockMs ≤ statementMs, and connectMs + statementMs below the ${REVOCATION_LEASE_MS / 1000} s revocation lease`);
  }
  return t;
}

/**
 * The one contract of the database connectors' admin clients: one admin connection per call, always
 * closed; every statement on it bounded by `timeouts` on the server itself (so a statement stuck on a
 * lock is cancelled there, not merely abandoned by Timebox); every error out of it a ConnectorError
 * whose message is safe to store and show.
 */
export interface AdminClient<Target, Session> {
  readonly timeouts: AdminTimeouts;
  withAdmin<T>(target: Target, fn: (session: Session) => Promise<T>): Promise<T>;
}
