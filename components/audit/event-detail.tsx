import { AppLink } from '@/components/ui/app-link';
import type { ReactNode } from 'react';
import type { AuditEventView } from '@/lib/audit/view';
import { auditHref } from './audit-query';
import { utcText } from './format';

const linkClass = 'font-medium text-brand-700 underline';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-4 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-all text-slate-900">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}

const mono = (text: string | null) => (text ? <code className="font-mono text-xs">{text}</code> : null);

/**
 * Every field of one event, its data pretty-printed, and where it sits in the hash chain.
 * `requestGrantId`: for an event that names only a request, the grant that request led to (if any).
 */
export function EventDetail({ event, requestGrantId }: { event: AuditEventView; requestGrantId?: string | null }) {
  return (
    <div className="space-y-6">
      <section aria-labelledby="fields-heading" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="fields-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          What happened
        </h2>
        <dl className="divide-y divide-slate-100">
          <Row label="Time">
            <time dateTime={event.occurredAt}>{utcText(event.occurredAt)}</time>
          </Row>
          {event.reportedAt ? (
            <Row label="Reported time">
              <time dateTime={event.reportedAt}>{utcText(event.reportedAt)}</time> (as the reporter states it; Time is when it was recorded)
            </Row>
          ) : null}
          <Row label="Action">{mono(event.action)}</Row>
          <Row label="Actor">
            <AppLink href={auditHref({ actor: event.actorLabel })} className={linkClass}>
              {event.actorLabel}
            </AppLink>
          </Row>
          <Row label="Actor id">{mono(event.actorId)}</Row>
          <Row label="Through API token">{mono(event.tokenId)}</Row>
          <Row label="Resource">
            {event.resourceId ? (
              <>
                {event.resource ? <strong>{event.resource}</strong> : null} {mono(event.resourceId)}
              </>
            ) : null}
          </Row>
          <Row label="Entitlement id">{mono(event.entitlementId)}</Row>
          <Row label="Request">
            {event.requestId ? (
              <AppLink href={auditHref({ requestId: event.requestId })} className={linkClass}>
                {event.requestId} — all its events
              </AppLink>
            ) : null}
          </Row>
          <Row label="Grant">
            {event.grantId ? (
              <AppLink href={`/audit/grants/${event.grantId}`} className={linkClass}>
                {event.grantId} — timeline
              </AppLink>
            ) : requestGrantId ? (
              <>
                <span className="text-slate-600">(the request led to) </span>
                <AppLink href={`/audit/grants/${requestGrantId}`} className={linkClass}>
                  {requestGrantId} — timeline
                </AppLink>
              </>
            ) : null}
          </Row>
          <Row label="Status">{event.statusFrom || event.statusTo ? `${event.statusFrom ?? '(none)'} → ${event.statusTo ?? '(none)'}` : null}</Row>
          <Row label="IP address">{mono(event.ip)}</Row>
          <Row label="User agent">{event.userAgent}</Row>
          <Row label="Event id">{mono(event.id)}</Row>
          <Row label="Sequence">{mono(event.seq)}</Row>
        </dl>
      </section>

      <section aria-labelledby="data-heading" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="data-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          Data
        </h2>
        <pre className="overflow-x-auto p-4 font-mono text-xs whitespace-pre-wrap text-slate-900" data-testid="event-data" tabIndex={0} aria-label="Event data as JSON">
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </section>

      <section aria-labelledby="chain-heading" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="chain-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          Hash chain
        </h2>
        {event.chainIndex ? (
          <dl className="divide-y divide-slate-100">
            <Row label="Chain index">{mono(event.chainIndex)}</Row>
            <Row label="Previous hash">{mono(event.prevHash)}</Row>
            <Row label="Hash">{mono(event.hash)}</Row>
          </dl>
        ) : (
          <p className="px-4 py-3 text-sm text-slate-700">Not sealed yet: the sealer links new events into the chain within seconds. Reload to see its place.</p>
        )}
      </section>
    </div>
  );
}
