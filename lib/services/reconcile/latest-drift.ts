import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';

export interface DriftRun {
  /** When the run finished (its `reconcile.completed` event). */
  at: string;
  /** Who ran it: an admin's e-mail, or `system:reconciler` for the cron endpoint. */
  actor: string;
  drift: number;
  removed: number;
  /** Slugs of resources whose target could not be read that time. */
  failed: string[];
}

export interface DriftFinding {
  id: string;
  at: string;
  resource: string;
  principal: string;
  role: string;
  detail: string | null;
  removed: boolean;
}

const MAX_FINDINGS = 500;
const DRIFT_ACTIONS = ['reconcile.drift_found', 'reconcile.drift_removed'];

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * What the last finished reconciliation found, read back from the audit trail (the trail is the
 * record; nothing else stores drift). A run's findings are the drift events between the previous
 * `reconcile.completed` and its own. Two runs at the same moment would interleave their events;
 * each finding still names its resource and principal, so the list stays true, only its grouping blurs.
 */
export async function latestDrift(deps: ServiceDeps, ctx: ActorContext): Promise<{ run: DriftRun | null; findings: DriftFinding[] }> {
  authorize(ctx, 'portal.admin');
  const { db } = deps;
  const last = await db.auditEvent.findFirst({ where: { action: 'reconcile.completed' }, orderBy: { seq: 'desc' } });
  if (!last) return { run: null, findings: [] };
  const previous = await db.auditEvent.findFirst({ where: { action: 'reconcile.completed', seq: { lt: last.seq } }, orderBy: { seq: 'desc' }, select: { seq: true } });

  const events = await db.auditEvent.findMany({
    where: { action: { in: DRIFT_ACTIONS }, seq: { gt: previous?.seq ?? 0n, lt: last.seq } },
    orderBy: { seq: 'asc' },
    take: MAX_FINDINGS,
  });
  const summary = asRecord(last.data);
  return {
    run: {
      at: last.occurredAt.toISOString(),
      actor: last.actorLabel,
      drift: typeof summary.drift === 'number' ? summary.drift : events.length,
      removed: typeof summary.removed === 'number' ? summary.removed : 0,
      failed: Array.isArray(summary.failed) ? summary.failed.filter((f): f is string => typeof f === 'string') : [],
    },
    findings: events.map((e) => {
      const data = asRecord(e.data);
      return {
        id: e.id,
        at: e.occurredAt.toISOString(),
        resource: text(data.resource),
        principal: text(data.principal),
        role: text(data.role),
        detail: typeof data.detail === 'string' ? data.detail : null,
        removed: e.action === 'reconcile.drift_removed',
      };
    }),
  };
}
