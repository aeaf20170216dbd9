import type { ActorContext, SystemContext } from '@/lib/domain/context';
import { errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { loadGrantTarget } from './grant-target';
import { transitionGrant } from './transition';

export type ActivationOutcome = 'active' | 'failed' | 'not-due';

/**
 * scheduled → active, then provisions in the target (outside any transaction).
 * The claim is a conditional update, so two sweeps never activate the same grant twice.
 * If provisioning fails the grant becomes `failed` with the reason, and anything half-made is removed.
 */
export async function activateGrant(deps: ServiceDeps, grantId: string, by: ActorContext | SystemContext): Promise<ActivationOutcome> {
  const { db, clock, connectors } = deps;
  const now = clock.now();
  const claimed = await db.$transaction((tx) =>
    transitionGrant(tx, grantId, {
      from: 'scheduled',
      to: 'active',
      when: { startsAt: { lte: now } },
      set: { activatedAt: now },
      by,
      action: 'grant.activated',
      data: (g) => ({ expiresAt: g.expiresAt.toISOString() }),
    }),
  );
  if (!claimed) return 'not-due';

  const target = await loadGrantTarget(db, grantId);
  const connector = target ? connectors.get(target.resource.kind) : undefined;
  try {
    if (!target || !connector) throw new Error(`no connector for resource kind ${target?.resource.kind ?? 'unknown'}`);
    const { targetState } = await connector.provision(target);
    if (targetState && Object.keys(targetState).length > 0) {
      await db.grant.update({ where: { id: grantId }, data: { targetState: { ...target.targetState, ...targetState } as object } });
    }
    return 'active';
  } catch (error) {
    const reason = errorMessage(error);
    log.warn({ grantId, reason }, 'provisioning failed');
    if (target && connector) await connector.deprovision(target).catch(() => {}); // leave nothing half-made
    await db.$transaction((tx) =>
      transitionGrant(tx, grantId, {
        from: 'active',
        to: 'failed',
        set: { failureReason: reason, endedAt: clock.now() },
        by: { system: 'connector' },
        action: 'grant.failed',
        data: () => ({ reason }),
      }),
    );
    return 'failed';
  }
}
