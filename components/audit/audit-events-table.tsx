'use client';

import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { AppLink } from '@/components/ui/app-link';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { AuditRow } from './audit-rows';
import { shortId } from './format';

const linkClass = 'font-medium text-brand-700 underline decoration-brand-300 hover:decoration-brand-700';

const columns: Column<AuditRow>[] = [
  {
    header: 'Time (UTC)',
    // Date and time may sit on two lines (each stays whole), so the table fits a laptop's width.
    cell: (e) => (
      <AppLink href={`/audit/events/${e.id}`} className={linkClass} aria-label={`Event ${e.seq} at ${e.utc}: details`}>
        <time dateTime={e.occurredAt}>
          <span className="whitespace-nowrap">{e.utc.slice(0, 10)}</span> <span className="whitespace-nowrap">{e.utc.slice(11, 19)}</span>
        </time>
      </AppLink>
    ),
  },
  {
    header: 'Actor',
    className: 'max-w-44 break-words',
    cell: (e) => (
      <AppLink href={e.actorHref} className="hover:underline" title={`Only events by ${e.actorLabel}`}>
        {e.actorLabel}
      </AppLink>
    ),
  },
  {
    header: 'Action',
    className: 'whitespace-nowrap',
    cell: (e) => (
      <>
        <AppLink href={e.actionHref} className="font-mono text-xs hover:underline" title={`Only ${e.action} events`}>
          {e.action}
        </AppLink>
        {e.breakGlass ? (
          <>
            {' '}
            <BreakGlassBadge />
          </>
        ) : null}
      </>
    ),
  },
  { header: 'Resource', className: 'max-w-40 break-words', cell: (e) => e.resource },
  {
    header: 'Request',
    className: 'whitespace-nowrap font-mono text-xs',
    cell: (e) =>
      e.requestId && e.requestHref ? (
        <AppLink href={e.requestHref} className={linkClass} title={e.requestId} aria-label={`Events of request ${e.requestId}`}>
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
  { header: 'Status', className: 'text-slate-700', cell: (e) => e.status },
  { header: 'Detail', className: 'min-w-48 break-words text-slate-700', cell: (e) => e.summary },
];

/**
 * One page of the trail, newest first. The time opens the event; actor and action narrow the current
 * view to them; a request id shows that request's events, a grant id opens the grant's timeline.
 * On a laptop it fits its box (long cells wrap); below `sm` its rows become cards. Should a column still
 * outgrow the box, the scroll box is a focusable region, so keyboard users can scroll it.
 * A client component fed plain rows (audit-rows.ts): the page sends the rows once as data, not the
 * rendered table a second time as a Server Component payload.
 */
export function AuditEventsTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      look="compact"
      caption="Audit events, newest first"
      regionLabel="Audit events table"
      testId="audit-events"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.id}
      rowData={(e) => ({ 'data-event-id': e.id, 'data-action': e.action })}
      alignTop
    />
  );
}
