import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { requireScope } from '../require-scope';
import { lockRequestRow } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';

/** The requester withdraws a pending request. Someone else's id finds nothing. */
export async function cancelRequest(deps: ServiceDeps, ctx: ActorContext, input: { requestId: string; comment?: string | undefined }): Promise<RequestView> {
  requireScope(ctx, 'requests');
  const { db, clock } = deps;
  await db.$transaction(async (tx) => {
    if (!(await lockRequestRow(tx, input.requestId))) throw new AppError('not_found', 'No such request.');
    const request = await tx.accessRequest.findFirst({ where: { id: input.requestId, requesterId: ctx.actor.id }, include: { entitlement: true } });
    if (!request) throw new AppError('not_found', 'No such request.');
    if (request.status !== 'pending') throw new AppError('conflict', `This request is already ${request.status}.`, { status: request.status });
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: 'cancelled', decidedAt: clock.now() } });
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'request.cancelled',
      requestId: request.id,
      entitlementId: request.entitlementId,
      resourceId: request.entitlement.resourceId,
      statusFrom: 'pending',
      statusTo: 'cancelled',
      data: { comment: input.comment ?? null },
    });
  });
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: requestInclude }));
}
