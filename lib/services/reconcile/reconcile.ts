import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActualAccess } from '@/lib/connectors/types';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { errorMessage } from '@/lib/errors';
import { authorize } from '@/lib/services/authorize';
import { restoreMissingAccess } from './restore-missing-access';

export interface DriftItem {
  resource: string;
  principal: string;
  role: string;
  detail: string | null;
  removed: boolean;
}

export interface ReconcileReport {
  drift: DriftItem[];
  removed: number;
  /** Live grants whose access was missing in the target and was given again. */
  restored: number;
  /** Resources whose target could not be read this time (unreachable, misconfigured). */
  failed: { resource: string; reason: string }[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Compares what each target really grants with the grants Timebox holds live, and reports (or, in
 * remove mode, takes away) access nobody asked for; gives back access a live grant lost. Every finding
 * is an audit event.
 */
export async function reconcile(deps: ServiceDeps, ctx: ActorContext | SystemContext, options: { remove: boolean }): Promise<ReconcileReport> {
  if (!('system' in ctx)) authorize(ctx, 'portal.admin');
  const { db } = deps;
  const report: ReconcileReport = { drift: [], removed: 0, restored: 0, failed: [] };
  const resources = await db.resource.findMany({ where: { archivedAt: null }, include: { entitlements: { where: { archivedAt: null } } }, orderBy: { slug: 'asc' } });

  for (const r of resources) {
    const connector = deps.connectors.get(r.kind);
    if (!connector) continue;
    const resource = { id: r.id, slug: r.slug, kind: r.kind, settings: asRecord(r.settings) };
    let actual: ActualAccess[];
    try {
      actual = await connector.listActual(resource, r.entitlements.map((e) => ({ role: e.role, settings: asRecord(e.settings) })));
    } catch (error) {
      report.failed.push({ resource: r.slug, reason: errorMessage(error) });
      continue;
    }
    const restoring = await restoreMissingAccess(deps, ctx, r, connector);
    report.restored += restoring.restored.length;
    report.failed.push(...restoring.failed.map((f) => ({ resource: r.slug, reason: `could not restore grant ${f.grantId}: ${f.reason}` })));
    if (actual.length === 0) continue;

    // Principals legitimately present: grants that hold, or are still being removed from, the target.
    const live = await db.grant.findMany({ where: { entitlement: { resourceId: r.id }, status: { in: ['provisioning', 'active', 'revoking'] } }, select: { targetState: true } });
    const expected = new Set(live.map((g) => asRecord(g.targetState).principal).filter((p): p is string => typeof p === 'string'));

    for (const access of actual.filter((a) => !expected.has(a.principal))) {
      let removed = false;
      if (options.remove && connector.removeActual) {
        try {
          await connector.removeActual(resource, access);
          removed = true;
          report.removed++;
        } catch (error) {
          report.failed.push({ resource: r.slug, reason: `could not remove ${access.principal}: ${errorMessage(error)}` });
        }
      }
      report.drift.push({ resource: r.slug, principal: access.principal, role: access.role, detail: access.detail ?? null, removed });
      await db.$transaction((tx) =>
        appendAudit(tx, {
          ...actorFields(ctx),
          action: removed ? 'reconcile.drift_removed' : 'reconcile.drift_found',
          resourceId: r.id,
          data: { resource: r.slug, principal: access.principal, role: access.role, detail: access.detail ?? null },
        }),
      );
    }
  }
  await db.$transaction((tx) =>
    appendAudit(tx, { ...actorFields(ctx), action: 'reconcile.completed', data: { drift: report.drift.length, removed: report.removed, restored: report.restored, failed: report.failed.map((f) => f.resource) } }),
  );
  return report;
}
