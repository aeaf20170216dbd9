import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { uuidParam } from '@/lib/domain/request-input';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import { getGrant } from '@/lib/services/grants/queries';
import { getOwnSshPublicKey } from '@/lib/services/users';
import type { GrantView } from '@/lib/services/views';

/**
 * What the grant page shows: the grant (holder, or anyone's for admins and auditors — getGrant's
 * `where` decides) and, for the holder of an SSH grant, their saved public key to prefill the form.
 * null: no such grant, or not the reader's to see (the page answers 404 for both).
 */
export async function loadGrantPage(deps: ServiceDeps, ctx: ActorContext, id: string): Promise<{ grant: GrantView; isHolder: boolean; usable: boolean; mayRevoke: boolean; savedKey: string | null } | null> {
  if (!uuidParam.safeParse(id).success) return null;
  let grant: GrantView;
  try {
    grant = await getGrant(deps, ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
  const isHolder = grant.user.id === ctx.actor.id;
  // The actor's own key only: it is theirs, and public, but still nobody else's business.
  const savedKey = isHolder && grant.resourceKind === 'ssh' ? await getOwnSshPublicKey(deps, ctx) : null;
  // Active but past its end: the sweep has not ended it yet, and the services would refuse (409) anyway.
  const usable = grant.status === 'active' && new Date(grant.expiresAt) > deps.clock.now();
  // The holder may end it, and so may an admin (revokeGrant decides again, and wants an admin's reason).
  const mayRevoke = (isHolder || can(ctx, 'grants.revoke_any')) && (grant.status === 'scheduled' || usable);
  return { grant, isHolder, usable, mayRevoke, savedKey };
}
