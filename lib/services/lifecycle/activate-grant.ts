import { appendAudit } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import { PROVISIONING_LEASE_MS } from '@/lib/domain/revocation-lease';
import { errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { loadGrantTarget } from './grant-target';
import { reapplyGrantEnd } from './reapply-grant-end';
import { transitionGrant } from './transition';

export type ActivationOutcome = 'active' | 'failed' | 'not-due';

const lease = (now: Date) => new Date(now.getTime() + PROVISIONING_LEASE_MS);

/**
 * scheduled → provisioning (claimed under a lease, by a conditional update, so two sweeps never start the
 * same grant), then provisions in the target outside any transaction, then provisioning → active once the
 * target confirmed. A process that dies in between leaves the grant `provisioning` with a lease that
 * lapses, and the sweep calls resumeProvisioning: starting is as durable as ending.
 */
export async function activateGrant(deps: ServiceDeps, grantId: string, by: ActorContext | SystemContext): Promise<ActivationOutcome> {
  const { db, clock } = deps;
  const now = clock.now();
  const leaseUntil = lease(now);
  const claimed = await db.$transaction((tx) =>
    transitionGrant(tx, grantId, {
      from: 'scheduled',
      to: 'provisioning',
      when: { startsAt: { lte: now } },
      set: { nextAttemptAt: leaseUntil },
      by,
      action: 'grant.provisioning',
      data: () => ({ leaseUntil: leaseUntil.toISOString() }),
    }),
  );
  if (!claimed) return 'not-due';
  return provisionClaimed(deps, grantId, by, leaseUntil);
}

/** Takes over a `provisioning` grant whose lease lapsed (its process died mid-call) and provisions it again. */
export async function resumeProvisioning(deps: ServiceDeps, grantId: string): Promise<ActivationOutcome> {
  const { db, clock } = deps;
  const now = clock.now();
  const until = lease(now);
  const taken = await db.$transaction(async (tx) => {
    const { count } = await tx.grant.updateMany({
      where: { id: grantId, status: 'provisioning', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      data: { nextAttemptAt: until },
    });
    if (count === 0) return false;
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: { entitlement: { select: { resourceId: true } } } });
    // Bookkeeping of the retry, not a move: the grant stays provisioning until the target confirms.
    await appendAudit(tx, {
      actorLabel: 'system:scheduler',
      ...grantEventIds(grant),
      action: 'grant.provisioning_resumed',
      data: { leaseUntil: until.toISOString() },
    });
    return true;
  });
  if (!taken) return 'not-due';
  return provisionClaimed(deps, grantId, { system: 'scheduler' }, until);
}

/**
 * The connector call and its outcome, for a grant this process holds the provisioning lease of.
 * `lease` is this attempt's fencing token: each claim sets nextAttemptAt to its own lease end, later than
 * any before it (a takeover needs the previous one lapsed), so the outcome is recorded only while no
 * later attempt has taken the grant over. A slow first call that fails after a sweep re-drove the grant
 * must not fail (and strip) the attempt that replaced it; one that succeeds leaves the activation to it.
 */
async function provisionClaimed(deps: ServiceDeps, grantId: string, by: ActorContext | SystemContext, lease: Date): Promise<ActivationOutcome> {
  const { db, clock, connectors } = deps;
  const target = await loadGrantTarget(db, grantId);
  const connector = target ? connectors.get(target.resource.kind) : undefined;
  try {
    if (!target || !connector) throw new Error(`no connector for resource kind ${target?.resource.kind ?? 'unknown'}`);
    const { targetState } = await connector.provision(target);
    const state = targetState && Object.keys(targetState).length > 0 ? { targetState: { ...target.targetState, ...targetState } as object } : {};
    const activated = await db.$transaction((tx) =>
      transitionGrant(tx, grantId, {
        from: 'provisioning',
        to: 'active',
        when: { nextAttemptAt: lease },
        set: { activatedAt: clock.now(), nextAttemptAt: null, ...state },
        by,
        action: 'grant.activated',
        data: (g) => ({ expiresAt: g.expiresAt.toISOString() }),
      }),
    );
    if (activated) {
      // Extended while we provisioned: the target got the old end, so give it the new one.
      if (activated.expiresAt.getTime() !== target.expiresAt.getTime()) await reapplyGrantEnd(deps, grantId);
      return 'active';
    }
    // Someone else moved it, or holds it. Revoked meanwhile: its revoking path deprovisions, but may have
    // run before our call finished, so remove what we made too (deprovision is idempotent). Taken over
    // by a sweep after our lease lapsed (still provisioning, or activated by it): the access is that
    // attempt's now, so leave it.
    if (!(await stillHoldsAccess(deps, grantId))) await connector.deprovision(target).catch(() => {});
    return 'not-due';
  } catch (error) {
    const reason = errorMessage(error);
    log.warn({ grantId, reason }, 'provisioning failed');
    // Recorded first, and only if the grant is still ours (our lease): a sweep that took over a lapsed
    // lease may be provisioning it or have activated it meanwhile, and then the access must stay.
    const failed = await db.$transaction((tx) =>
      transitionGrant(tx, grantId, {
        from: 'provisioning',
        to: 'failed',
        when: { nextAttemptAt: lease },
        set: { failureReason: reason, endedAt: clock.now(), nextAttemptAt: null },
        by: { system: 'connector' },
        action: 'grant.failed',
        data: () => ({ reason }),
      }),
    );
    const ours = failed !== null || !(await stillHoldsAccess(deps, grantId));
    if (ours && target && connector) await connector.deprovision(target).catch(() => {}); // leave nothing half-made
    return failed ? 'failed' : 'not-due';
  }
}

/** Is the grant active (or being provisioned by someone else) now, so that its access must stay? */
async function stillHoldsAccess(deps: ServiceDeps, grantId: string): Promise<boolean> {
  const grant = await deps.db.grant.findUnique({ where: { id: grantId }, select: { status: true } });
  return grant?.status === 'active' || grant?.status === 'provisioning';
}
