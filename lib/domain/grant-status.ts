// The grant status machine (DESIGN.md). Every transition in the services is a conditional update
// from one of these `from` states, so a retried or concurrent step is harmless.
export type GrantStatus = 'scheduled' | 'active' | 'revoking' | 'expired' | 'revoked' | 'failed';
export type RequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled' | 'expired';

export const grantTransitions: Record<GrantStatus, readonly GrantStatus[]> = {
  scheduled: ['active', 'revoked', 'failed'],
  active: ['revoking'],
  revoking: ['expired', 'revoked'],
  expired: [],
  revoked: [],
  failed: [],
};

export const canTransition = (from: GrantStatus, to: GrantStatus) => grantTransitions[from].includes(to);

/** Statuses in which the grant still holds (or is about to hold) access in the target. */
export const liveGrantStatuses = ['scheduled', 'active', 'revoking'] as const satisfies readonly GrantStatus[];

/** Exponential backoff for failed deprovisioning: 5 s, 10 s, 20 s … capped at 5 minutes. Never gives up. */
export function revokeBackoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

/** After this many failed tries a revocation counts as stuck and is shown as a warning. */
export const stuckRevocationAttempts = 5;
