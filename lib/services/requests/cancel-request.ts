import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { transitionRequest } from '../lifecycle/transition';
import { lockRequestRow } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';
import { authorize } from '@/lib/services/authorize';

/** The requester withdraws a pending request. Someone else's id finds nothing. */
export async function cancelRequest(deps: ServiceDeps, ctx: ActorContext, input: { requestId: string; comment?: string | undefined }): Promise<RequestView> {
  authorize(ctx, 'requests.create');
  const { db, clock } = deps;
  await db.$transaction(async (tx) => {
    if (!(await lockRequestRow(tx, input.requestId))) throw new AppError('not_found', 'No such request.');
    const request = await tx.accessRequest.findFirst({ where: { id: input.requestId, requesterId: ctx.actor.id }, select: { id: true, status: true } });
    if (!request) throw new AppError('not_found', 'No such request.');
    if (request.status !== 'pending') throw new AppError('conflict', `This request is already ${request.status}.`, { status: request.status });
    const comment = input.comment ?? null;
    await transitionRequest(tx, request.id, { from: 'pending', to: 'cancelled', set: { decidedAt: clock.now() }, by: ctx, action: 'request.cancelled', data: () => ({ comment }) });
  });
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: requestInclude }));
}
