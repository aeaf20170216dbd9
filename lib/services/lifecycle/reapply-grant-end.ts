import { appendAudit } from '@/lib/audit/append';
import { errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { loadGrantTarget } from './grant-target';

/**
 * After an extension moves a grant's end, the target's own guard (PostgreSQL VALID UNTIL, MariaDB's
 * end event) must move too, or the target would cut access at the old end. Provision is idempotent
 * and re-applies the end time. Failure is audited, not fatal: the grant stays correct in Timebox.
 */
export async function reapplyGrantEnd(deps: ServiceDeps, grantId: string): Promise<void> {
  const target = await loadGrantTarget(deps.db, grantId);
  const grant = await deps.db.grant.findUnique({ where: { id: grantId }, select: { status: true, requestId: true } });
  if (!target || grant?.status !== 'active') return;
  try {
    await deps.connectors.get(target.resource.kind)?.provision(target);
  } catch (error) {
    const reason = errorMessage(error);
    log.warn({ grantId, reason }, 'could not move the target’s end time after an extension');
    await deps.db.$transaction((tx) =>
      appendAudit(tx, {
        actorLabel: 'system:connector',
        action: 'grant.extension_not_applied_in_target',
        grantId,
        requestId: grant.requestId,
        resourceId: target.resource.id,
        entitlementId: target.entitlement.id,
        data: { reason },
      }),
    );
  }
}
