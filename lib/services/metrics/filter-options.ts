import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';

export interface AuditFilterOptions {
  /** Every resource, archived ones too: the trail still names them. */
  resources: { slug: string; name: string; archived: boolean }[];
}

/** At most this many people are suggested for the actor filter at a time. */
export const ACTOR_SUGGESTIONS = 20;

/** The choices the dashboard's filter form offers up front: the resources (a few rows). People are suggested as one types. */
export async function listAuditFilterOptions(deps: ServiceDeps, ctx: ActorContext): Promise<AuditFilterOptions> {
  authorize(ctx, 'audit.read');
  const resources = await deps.db.resource.findMany({ select: { slug: true, name: true, archivedAt: true }, orderBy: { slug: 'asc' } });
  return { resources: resources.map((r) => ({ slug: r.slug, name: r.name, archived: r.archivedAt !== null })) };
}

/** People whose e-mail or name starts with `prefix` (any case), by e-mail: the actor filter takes an e-mail. */
export async function suggestAuditActors(deps: ServiceDeps, ctx: ActorContext, prefix: string): Promise<{ email: string; name: string }[]> {
  authorize(ctx, 'audit.read');
  return deps.db.user.findMany({
    where: { OR: [{ email: { startsWith: prefix, mode: 'insensitive' } }, { name: { startsWith: prefix, mode: 'insensitive' } }] },
    select: { email: true, name: true },
    orderBy: { email: 'asc' },
    take: ACTOR_SUGGESTIONS,
  });
}
