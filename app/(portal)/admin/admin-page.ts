import { requirePageActor } from '@/lib/auth/page-guard';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';

/**
 * What every admin page starts with: the signed-in actor (or a redirect to sign in), and — for admins
 * only — the services' dependencies and context. `null` means: show Forbidden.
 */
export async function adminPage(): Promise<{ deps: ServiceDeps; ctx: ActorContext } | null> {
  const actor = await requirePageActor();
  if (!can(actor, 'portal.admin')) return null;
  return { deps: await getServiceDeps(), ctx: { actor, via: 'web' } };
}
