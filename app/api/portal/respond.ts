import { NextResponse } from 'next/server';
import { getCurrentActor } from '@/lib/auth/current-actor';
import type { ActorContext } from '@/lib/domain/context';
import { can, type Permission } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { toErrorBody } from '@/lib/http/to-error-body';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';

/**
 * The portal's own polling endpoints (react-query in the browser): session cookie, not API tokens.
 * Same error shape as the REST API; never cached, since the answer is the live queue.
 */
export async function portalGet<T>(permission: Permission, load: (deps: ServiceDeps, ctx: ActorContext) => Promise<T>): Promise<NextResponse> {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const actor = await getCurrentActor();
    if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
    if (!can(actor, permission)) throw new AppError('forbidden', 'Your account cannot open this.');
    return NextResponse.json(await load(await getServiceDeps(), { actor, via: 'web' }), { headers });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status, headers });
  }
}
