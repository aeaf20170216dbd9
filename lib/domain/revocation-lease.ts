/**
 * The revocation lease: how long one sweep holds a `revoking` grant while it calls the connector
 * (finish-ending sets nextAttemptAt = now + lease before the call). When the lease runs out, another
 * sweep may take the grant and call the connector again. So nothing one attempt starts on a target may
 * still run after the lease: otherwise two attempts act on the same grant at once.
 */
export const REVOCATION_LEASE_MS = 60_000;

/**
 * The same lease for starting: activate-grant holds a `provisioning` grant this long (nextAttemptAt)
 * while it calls the connector. A process that dies mid-provisioning leaves the lease to lapse, and the
 * sweep then provisions again (connectors' provision is idempotent). The admin timeouts below bound
 * provisioning calls as they bound deprovisioning ones.
 */
export const PROVISIONING_LEASE_MS = REVOCATION_LEASE_MS;

/**
 * Longest any one admin statement may run on a target, lock waits included, enforced by the target
 * server itself (statement_timeout, max_statement_time). A third of the lease: it must stay well below
 * the lease, so a statement stuck on a lock is cancelled by the server while its attempt still holds
 * the lease, and the attempt's other, quick statements plus the connect fit in what is left.
 */
export const ADMIN_STATEMENT_BOUND_MS = REVOCATION_LEASE_MS / 3;

/** Longest wait for one lock: below the statement bound, so a lock wait fails with its own, clearer message. */
export const ADMIN_LOCK_BOUND_MS = ADMIN_STATEMENT_BOUND_MS * 0.75;

/** Longest wait to open an admin connection: a target that does not answer fails fast, well inside the lease. */
export const ADMIN_CONNECT_BOUND_MS = REVOCATION_LEASE_MS / 12;
