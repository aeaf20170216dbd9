import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/domain/permissions';
import { safeCallbackPath } from '@/lib/domain/safe-redirect';
import { getCurrentActor } from './current-actor';

/**
 * For server components: the signed-in actor, or a redirect to /login that comes back here.
 * Every page calls it itself — layouts and pages render independently, so a layout check alone is not enough.
 */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (actor) return actor;
  const wanted = safeCallbackPath((await headers()).get('x-timebox-path'));
  redirect(wanted === '/' ? '/login' : `/login?callbackUrl=${encodeURIComponent(wanted)}`);
}
