import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { loadGrantTarget } from '../lifecycle/grant-target';

/** The actor's own grant, active right now, with its connector target — or the reason it is not usable. */
export async function loadUsableOwnGrant(deps: ServiceDeps, ctx: ActorContext, grantId: string) {
  const grant = await deps.db.grant.findFirst({ where: { id: grantId, userId: ctx.actor.id }, include: { entitlement: true } });
  if (!grant) throw new AppError('not_found', 'No such grant.');
  const now = deps.clock.now();
  if (grant.status !== 'active' || grant.expiresAt <= now) {
    throw new AppError('conflict', grant.status === 'scheduled' ? 'This grant has not started yet.' : `This grant is ${grant.expiresAt <= now && grant.status === 'active' ? 'ending' : grant.status}.`, { status: grant.status });
  }
  const target = await loadGrantTarget(deps.db, grantId);
  if (!target) throw new AppError('not_found', 'No such grant.');
  return { grant, target, connector: deps.connectors.get(target.resource.kind) };
}
