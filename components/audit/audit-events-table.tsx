import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { AppLink } from '@/components/ui/app-link';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { AuditEventView } from '@/lib/audit/view';
import { auditHref, type RawFilters } from './audit-query';
import { eventSummary, shortId, statusChange, utcText } from './format';

const linkClass = 'font-medium text-brand-700 underline decoration-brand-300 hover:decoration-brand-700';

/** Break-glass's own events, and the request and grant events that carry its mark (`data.breakGlass`). */
const isBreakGlassEvent = (e: { action: string; data?: Record<string, unknown> }) => e.action.includes('break_glass') || e.data?.breakGlass === true;

/** The columns need the current filters (actor and action links narrow them), so they are built per page. */
function columnsFor(raw: RawFilters): Column<AuditEventView>[] {
  return [
    {
      header: 'Time (UTC)',
      // Date and time may sit on two lines (each stays whole), so the table fits a laptop's width.
      cell: (e) => (
        <AppLink href={`/audit/events/${e.id}`} className={linkClass} aria-label={`Event ${e.seq} at ${utcText(e.occurredAt)}: details`}>
          <time dateTime={e.occurredAt}>
            <span className="whitespace-nowrap">{utcText(e.occurredAt).slice(0, 10)}</span> <span className="whitespace-nowrap">{utcText(e.occurredAt).slice(11, 19)}</span>
          </time>
        </AppLink>
      ),
    },
    {
      header: 'Actor',
      className: 'max-w-44 break-words',
      cell: (e) => (
        <AppLink href={auditHref({ ...raw, actor: e.actorLabel })} className="hover:underline" title={`Only events by ${e.actorLabel}`}>
          {e.actorLabel}
        </AppLink>
      ),
    },
    {
      header: 'Action',
      className: 'whitespace-nowrap',
      cell: (e) => (
        <>
          <AppLink href={auditHref({ ...raw, action: e.action })} className="font-mono text-xs hover:underline" title={`Only ${e.action} events`}>
            {e.action}
          </AppLink>
          {isBreakGlassEvent(e) ? (
            <>
              {' '}
              <BreakGlassBadge />
            </>
          ) : null}
        </>
      ),
    },
    { header: 'Resource', className: 'max-w-40 break-words', cell: (e) => e.resource ?? (e.resourceId ? shortId(e.resourceId) : '') },
    {
      header: 'Request',
      className: 'whitespace-nowrap font-mono text-xs',
      cell: (e) =>
        e.requestId ? (
          <AppLink href={auditHref({ requestId: e.requestId })} className={linkClass} title={e.requestId} aria-label={`Events of request ${e.requestId}`}>
            {shortId(e.requestId)}
          </AppLink>
        ) : null,
    },
    {
      header: 'Grant',
      className: 'whitespace-nowrap font-mono text-xs',
      cell: (e) =>
        e.grantId ? (
          <AppLink href={`/audit/grants/${e.grantId}`} className={linkClass} title={e.grantId} aria-label={`Timeline of grant ${e.grantId}`}>
            {shortId(e.grantId)}
          </AppLink>
        ) : null,
    },
    { header: 'Status', className: 'text-slate-700', cell: (e) => statusChange(e) },
    { header: 'Detail', className: 'min-w-48 break-words text-slate-700', cell: (e) => eventSummary(e) },
  ];
}

/**
 * One page of the trail, newest first. The time opens the event; actor and action narrow the current
 * view to them; a request id shows that request's events, a grant id opens the grant's timeline.
 * On a laptop it fits its box (long cells wrap); below `sm` its rows become cards. Should a column still
 * outgrow the box, the scroll box is a focusable region, so keyboard users can scroll it.
 */
export function AuditEventsTable({ events, raw }: { events: AuditEventView[]; raw: RawFilters }) {
  return (
    <DataTable
      look="compact"
      caption="Audit events, newest first"
      regionLabel="Audit events table"
      testId="audit-events"
      columns={columnsFor(raw)}
      rows={events}
      rowKey={(e) => e.id}
      rowData={(e) => ({ 'data-event-id': e.id, 'data-action': e.action })}
      alignTop
    />
  );
}
