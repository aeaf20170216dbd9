import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';

export interface GroupSummary {
  name: string;
  description: string;
  source: string;
  /** Enabled members only: the people who can actually request or approve through this group. */
  members: number;
}

/** Known groups, for the pickers on policy forms. */
export async function listGroups(deps: ServiceDeps, ctx: ActorContext): Promise<GroupSummary[]> {
  authorize(ctx, 'portal.admin');
  const groups = await deps.db.group.findMany({
    orderBy: { name: 'asc' },
    select: { name: true, description: true, source: true, _count: { select: { memberships: { where: { user: { disabledAt: null } } } } } },
  });
  return groups.map((g) => ({ name: g.name, description: g.description, source: g.source, members: g._count.memberships }));
}
