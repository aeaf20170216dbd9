import type { AuditEventView } from '@/lib/audit/view';
import { auditHref, type RawFilters } from './audit-query';
import { eventSummary, shortId, statusChange, utcText } from './format';

/**
 * What the audit table shows of one event, worked out on the server: the table is a client component, so
 * the page sends these rows once as data instead of the table's ~25 elements a row twice (the React Server
 * Component payload beside the HTML), and the filter links are built here (the URL helpers stay off the
 * browser's bundle).
 */
export interface AuditRow {
  id: string;
  seq: string;
  occurredAt: string;
  /** `2026-11-17 14:03:12 UTC` */
  utc: string;
  actorLabel: string;
  /** The current view narrowed to this actor. */
  actorHref: string;
  action: string;
  /** The current view narrowed to this action. */
  actionHref: string;
  breakGlass: boolean;
  /** The resource's slug, else the start of its id, else empty. */
  resource: string;
  requestId: string | null;
  requestHref: string | null;
  grantId: string | null;
  status: string;
  summary: string;
}

/** Break-glass's own events, and the request and grant events that carry its mark (`data.breakGlass`). */
const isBreakGlassEvent = (e: Pick<AuditEventView, 'action' | 'data'>) => e.action.includes('break_glass') || e.data?.breakGlass === true;

export function auditRows(events: readonly AuditEventView[], raw: RawFilters): AuditRow[] {
  return events.map((e) => ({
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurredAt,
    utc: utcText(e.occurredAt),
    actorLabel: e.actorLabel,
    actorHref: auditHref({ ...raw, actor: e.actorLabel }),
    action: e.action,
    actionHref: auditHref({ ...raw, action: e.action }),
    breakGlass: isBreakGlassEvent(e),
    resource: e.resource ?? (e.resourceId ? shortId(e.resourceId) : ''),
    requestId: e.requestId,
    requestHref: e.requestId ? auditHref({ requestId: e.requestId }) : null,
    grantId: e.grantId,
    status: statusChange(e),
    summary: eventSummary(e),
  }));
}
