import { describe, expect, it } from 'vitest';
import { canTransition, canTransitionRequest, grantStatuses, grantTransitions, initialGrantStatus, initialRequestStatus, liveGrantStatuses, requestStatuses, requestTransitions } from './grant-status';

/** Statuses reachable from `start` by following the table. */
function reachable<S extends string>(table: Readonly<Record<S, readonly S[]>>, start: S): Set<S> {
  const seen = new Set<S>([start]);
  const queue = [start];
  while (queue.length) {
    for (const next of table[queue.shift()!]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe('grant status machine', () => {
  it.each(grantStatuses.flatMap((from) => grantStatuses.map((to) => [from, to] as const)))('%s → %s is allowed only if the table lists it', (from, to) => {
    expect(canTransition(from, to)).toBe(grantTransitions[from].includes(to));
  });

  it('reaches every status from its first one, and only live statuses lead anywhere', () => {
    expect(reachable(grantTransitions, initialGrantStatus)).toEqual(new Set(grantStatuses));
    for (const status of grantStatuses) expect(grantTransitions[status].length > 0).toBe((liveGrantStatuses as readonly string[]).includes(status));
  });

  it('never goes back to a status that gives access once it has left it', () => {
    expect(canTransition('revoking', 'active')).toBe(false);
    expect(canTransition('active', 'scheduled')).toBe(false);
    expect(canTransition('active', 'provisioning')).toBe(false);
    for (const terminal of ['expired', 'revoked', 'failed'] as const) expect(grantTransitions[terminal]).toEqual([]);
  });

  it('activates only through provisioning, and a failed provisioning never passes through active', () => {
    expect(grantStatuses.filter((s) => canTransition(s, 'active'))).toEqual(['provisioning']);
    expect(canTransition('scheduled', 'active')).toBe(false);
    expect(canTransition('active', 'failed')).toBe(false);
    expect(canTransition('provisioning', 'failed')).toBe(true);
    // Half-made access is removed, never abandoned: a provisioning grant that ends goes through revoking.
    expect(grantTransitions.provisioning).toContain('revoking');
    expect(grantTransitions.provisioning).not.toContain('revoked');
  });
});

describe('request status machine', () => {
  it.each(requestStatuses.flatMap((from) => requestStatuses.map((to) => [from, to] as const)))('%s → %s is allowed only if the table lists it', (from, to) => {
    expect(canTransitionRequest(from, to)).toBe(requestTransitions[from].includes(to));
  });

  it('decides once: every status but pending is final', () => {
    expect(reachable(requestTransitions, initialRequestStatus)).toEqual(new Set(requestStatuses));
    for (const status of requestStatuses) expect(requestTransitions[status].length === 0).toBe(status !== 'pending');
  });
});
