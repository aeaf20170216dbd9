import { headers } from 'next/headers';
import { cache } from 'react';
import { requirePageActor } from '@/lib/auth/page-guard';
import type { ActorContext } from '@/lib/domain/context';
import { can, type Permission } from '@/lib/domain/permissions';
import type { ServiceDeps } from '@/lib/services/deps';
import { countInbox } from '@/lib/services/requests/queries';
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
  const page = await viewContext();
  return permission && !can(page.ctx.actor, permission) ? null : page;
}

/** One context per rendered view (React's cache() is scoped to one server render): layout and page share it. */
const viewContext = cache(async (): Promise<PortalPage> => {
  const actor = await requirePageActor();
  return { deps: await getServiceDeps(), ctx: actorContext(actor, 'web', requestMeta(await headers())) };
});

/** The approver's inbox count, counted once per view though the layout (beside Inbox) and /inbox both show it. */
export const countInboxForView = cache(async (): Promise<number> => {
  const { deps, ctx } = await viewContext();
  return countInbox(deps, ctx);
});
