import Link from 'next/link';
import type { AuditEventView } from '@/lib/audit/view';
import { auditHref, type RawFilters } from './audit-query';
import { eventSummary, shortId, statusChange, utcText } from './format';

const linkClass = 'font-medium text-brand-700 underline decoration-brand-300 hover:decoration-brand-700';

/**
 * One page of the trail, newest first. The time opens the event; actor and action narrow the current
 * view to them; a request id shows that request's events, a grant id opens the grant's timeline.
 */
export function AuditEventsTable({ events, raw }: { events: AuditEventView[]; raw: RawFilters }) {
  return (
    // Wider than the page on small screens: the scroll box takes focus, so keyboard users can scroll it.
    <div role="region" aria-label="Audit events table" tabIndex={0} className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-events">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-3">Time (UTC)</th>
            <th scope="col" className="px-3 py-3">Actor</th>
            <th scope="col" className="px-3 py-3">Action</th>
            <th scope="col" className="px-3 py-3">Resource</th>
            <th scope="col" className="px-3 py-3">Request</th>
            <th scope="col" className="px-3 py-3">Grant</th>
            <th scope="col" className="px-3 py-3">Status</th>
            <th scope="col" className="px-3 py-3">Detail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.id} data-event-id={e.id} data-action={e.action} className="align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <Link href={`/audit/events/${e.id}`} className={linkClass} aria-label={`Event ${e.seq} at ${utcText(e.occurredAt)}: details`}>
                  <time dateTime={e.occurredAt}>{utcText(e.occurredAt).slice(0, 19)}</time>
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Link href={auditHref({ ...raw, actor: e.actorLabel })} className="hover:underline" title={`Only events by ${e.actorLabel}`}>
                  {e.actorLabel}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Link href={auditHref({ ...raw, action: e.action })} className="font-mono text-xs hover:underline" title={`Only ${e.action} events`}>
                  {e.action}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{e.resource ?? (e.resourceId ? shortId(e.resourceId) : '')}</td>
              <td className="px-3 py-2 whitespace-nowrap font-mono text-xs">
                {e.requestId ? (
                  <Link href={auditHref({ requestId: e.requestId })} className={linkClass} title={e.requestId} aria-label={`Events of request ${e.requestId}`}>
                    {shortId(e.requestId)}
                  </Link>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap font-mono text-xs">
                {e.grantId ? (
                  <Link href={`/audit/grants/${e.grantId}`} className={linkClass} title={e.grantId} aria-label={`Timeline of grant ${e.grantId}`}>
                    {shortId(e.grantId)}
                  </Link>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-700">{statusChange(e)}</td>
              <td className="min-w-48 px-3 py-2 break-words text-slate-700">{eventSummary(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
