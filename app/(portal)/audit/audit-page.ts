import { requirePageActor } from '@/lib/auth/page-guard';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';

/**
 * What every audit page starts with: the signed-in actor (or a redirect to sign in), and — for
 * auditors and admins — the services' dependencies and context. `null` means: show Forbidden.
 * (The services check again: this only decides what the page renders.)
 */
export async function auditPage(): Promise<{ deps: ServiceDeps; ctx: ActorContext } | null> {
  const actor = await requirePageActor();
  if (!can(actor, 'audit.read')) return null;
  return { deps: await getServiceDeps(), ctx: { actor, via: 'web' } };
}
