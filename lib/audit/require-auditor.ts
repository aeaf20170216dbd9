import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { requireScope } from '@/lib/services/require-scope';

/**
 * Reading the trail: auditors and admins only, and through a token only with the `audit` scope.
 * (Every event names people, addresses and justifications: it is not for every member to browse.)
 */
export function requireAuditor(ctx: ActorContext): void {
  requireScope(ctx, 'audit');
  if (!can(ctx.actor, 'audit')) throw new AppError('forbidden', 'Only auditors and admins can read the audit trail.');
}
