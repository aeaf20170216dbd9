import type { Db } from '@/lib/db/client';
import { ResourceSlugs, auditEventView, eventSelect, type AuditEventView } from './view';

// A grant's story from the trail alone: request → decisions → activation → credentials issued →
// activity → end. Built from events, not from the Grant row, so it works for any grant the trail
// names — including one whose request row predates it, and seeded or imported history.

export type TimelinePhase = 'request' | 'decision' | 'activation' | 'credentials' | 'activity' | 'end' | 'other';

export interface TimelineEntry extends AuditEventView {
  phase: TimelinePhase;
}

export interface GrantTimeline {
  grantId: string;
  events: TimelineEntry[];
  /** true when the grant reported more activity than one timeline shows (every lifecycle event is always there). */
  truncated: boolean;
}

export const TIMELINE_ACTIVITY_LIMIT = 1000;

/** Which step of the lifecycle an action belongs to. Unknown actions are 'other', never dropped. */
export function phaseOf(action: string): TimelinePhase {
  if (action.startsWith('activity.')) return 'activity';
  if (/credential|certificate/.test(action)) return 'credentials';
  if (action === 'request.created' || action === 'grant.extend_requested') return 'request';
  if (action.startsWith('review.') || /^request\.(auto_approved|approved|denied|cancelled|expired)$/.test(action) || action === 'grant.created' || action === 'grant.extended') return 'decision';
  if (action === 'grant.break_glass_started') return 'decision';
  if (action === 'grant.provisioning' || action === 'grant.provisioning_resumed' || action === 'grant.activated') return 'activation';
  if (/^grant\.(ending|revoke_requested|revoked|expired|failed|deprovision_failed|ended)$/.test(action)) return 'end';
  return 'other';
}

/**
 * Every event naming the grant, or naming a request that led to it (its own request and extension
 * requests), in the order things happened: by occurredAt — activity by the time its report gives
 * (data.reportedAt) — then by seq. Lifecycle events are always all there; reported activity is capped at `activityLimit`
 * (a busy grant can report thousands of statements). Returns null when the trail knows nothing of the grant.
 */
export async function grantTimeline(db: Db, grantId: string, activityLimit = TIMELINE_ACTIVITY_LIMIT): Promise<GrantTimeline | null> {
  const grant = await db.grant.findUnique({ where: { id: grantId }, select: { requestId: true, extensions: { select: { id: true } } } });
  const named = await db.$queryRaw<{ requestId: string }[]>`
    SELECT DISTINCT "requestId"::text AS "requestId" FROM "AuditEvent" WHERE "grantId" = ${grantId}::uuid AND "requestId" IS NOT NULL AND "action" NOT LIKE 'activity.%'`;
  const requestIds = [...new Set([grant?.requestId, ...(grant?.extensions.map((e) => e.id) ?? []), ...named.map((e) => e.requestId)].filter((id): id is string => !!id))];

  const order = [{ occurredAt: 'asc' as const }, { seq: 'asc' as const }];
  const [lifecycle, activity] = await Promise.all([
    db.auditEvent.findMany({
      where: { OR: [{ grantId }, ...(requestIds.length ? [{ requestId: { in: requestIds } }] : [])], NOT: { action: { startsWith: 'activity.' } } },
      orderBy: order,
      select: eventSelect,
    }),
    db.auditEvent.findMany({ where: { grantId, action: { startsWith: 'activity.' } }, orderBy: order, take: activityLimit + 1, select: eventSelect }),
  ]);
  if (lifecycle.length === 0 && activity.length === 0 && !grant) return null;
  const slugs = await new ResourceSlugs(db).load([...lifecycle, ...activity]);
  // Activity sits where its report says it happened; everything else where the database recorded it.
  const when = (e: AuditEventView) => Date.parse(e.reportedAt ?? e.occurredAt);
  const events = [...lifecycle, ...activity.slice(0, activityLimit)]
    .map((row) => ({ ...auditEventView(row, slugs), phase: phaseOf(row.action) }))
    .sort((a, b) => when(a) - when(b) || (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
  return { grantId, events, truncated: activity.length > activityLimit };
}
