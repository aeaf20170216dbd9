// The request and grant status machines (DESIGN.md). These tables are the only moves the services may
// make: lib/services/lifecycle's transition functions check every change against them, and every change
// is a conditional update from one of the listed `from` states, so a retried or concurrent step is harmless.
export type GrantStatus = 'scheduled' | 'provisioning' | 'active' | 'revoking' | 'expired' | 'revoked' | 'failed';
export type RequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled' | 'expired';

export const grantTransitions: Readonly<Record<GrantStatus, readonly GrantStatus[]>> = {
  // provisioning: claimed for activation, under a lease; revoked: ended before it started; failed: never activated.
  scheduled: ['provisioning', 'revoked', 'failed'],
  // active once the target confirmed; failed when provisioning failed (the grant never held access, and
  // the trail never says it did); revoking when it is revoked or ran out mid-provisioning (half-made access is removed).
  provisioning: ['active', 'failed', 'revoking'],
  active: ['revoking'],
  revoking: ['expired', 'revoked'],
  expired: [],
  revoked: [],
  failed: [],
};

export const requestTransitions: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ['approved', 'denied', 'cancelled', 'expired'],
  approved: [],
  denied: [],
  cancelled: [],
  expired: [],
};

/** Every grant is born scheduled and every request pending; the rest happens through the tables above. */
export const initialGrantStatus = 'scheduled' satisfies GrantStatus;
export const initialRequestStatus = 'pending' satisfies RequestStatus;

export const grantStatuses = Object.keys(grantTransitions) as GrantStatus[];
export const requestStatuses = Object.keys(requestTransitions) as RequestStatus[];

export const canTransition = (from: GrantStatus, to: GrantStatus) => grantTransitions[from].includes(to);
export const canTransitionRequest = (from: RequestStatus, to: RequestStatus) => requestTransitions[from].includes(to);

/** Statuses in which the grant still holds (or is about to hold) access in the target. */
export const liveGrantStatuses = ['scheduled', 'provisioning', 'active', 'revoking'] as const satisfies readonly GrantStatus[];

/** Exponential backoff for failed deprovisioning: 5 s, 10 s, 20 s … capped at 5 minutes. Never gives up. */
export function revokeBackoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

/** After this many failed tries a revocation counts as stuck and is shown as a warning. */
export const stuckRevocationAttempts = 5;
