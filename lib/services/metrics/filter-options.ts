import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';

export interface AuditFilterOptions {
  /** Every resource, archived ones too: the trail still names them. */
  resources: { slug: string; name: string; archived: boolean }[];
  /** Everyone who can appear as an actor, by e-mail (the actor filter takes an e-mail). */
  people: { email: string; name: string }[];
}

/** The choices the dashboard's filter form offers. Small tables: a few resources, one row per person. */
export async function listAuditFilterOptions(deps: ServiceDeps, ctx: ActorContext): Promise<AuditFilterOptions> {
  authorize(ctx, 'audit.read');
  const [resources, people] = await Promise.all([
    deps.db.resource.findMany({ select: { slug: true, name: true, archivedAt: true }, orderBy: { slug: 'asc' } }),
    deps.db.user.findMany({ select: { email: true, name: true }, orderBy: { email: 'asc' }, take: 1000 }),
  ]);
  return { resources: resources.map((r) => ({ slug: r.slug, name: r.name, archived: r.archivedAt !== null })), people };
}
