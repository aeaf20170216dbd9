import { headers } from 'next/headers';
import { requirePageActor } from '@/lib/auth/page-guard';
import type { ActorContext } from '@/lib/domain/context';
import { can, type Permission } from '@/lib/domain/permissions';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { actorContext, requestMeta } from './request-context';

export interface PortalPage {
  deps: ServiceDeps;
  ctx: ActorContext;
}

/**
 * What every portal page starts with: the signed-in actor (or a redirect to sign in, back to this page),
 * the services' dependencies, and the context built the same way as for actions and API calls.
 * With a permission, `null` means the actor lacks it: render Forbidden. (Services check again: this only
 * decides what the page renders.) Layouts and pages render independently, so each page calls it itself.
 */
export async function portalPage(): Promise<PortalPage>;
export async function portalPage(permission: Permission): Promise<PortalPage | null>;
export async function portalPage(permission?: Permission): Promise<PortalPage | null> {
  const actor = await requirePageActor();
  if (permission && !can(actor, permission)) return null;
  const ctx = actorContext(actor, 'web', requestMeta(await headers()));
  return { deps: await getServiceDeps(), ctx };
}
