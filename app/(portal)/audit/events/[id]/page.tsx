import type { Metadata } from 'next';
import { AuditNav } from '@/components/audit/audit-nav';
import { EventDetail } from '@/components/audit/event-detail';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { getAuditEvent, listAuditEvents } from '@/lib/audit/audit-service';
import { portalPage } from '@/lib/http/page-prelude';
import { idOrNotFound, orNotFound } from '../../../or-not-found';
import { BackLink } from '@/components/ui/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit event' };

export default async function Page(props: { params: Promise<{ id: string }> }) {
  const page = await portalPage('audit.read');
  if (!page) return <Forbidden what="Audit" />;
  const id = await idOrNotFound(props.params);
  const event = await orNotFound(getAuditEvent(page.deps, page.ctx, id));

  // An event about a request (its creation, a review) names no grant: the request's grant.created does.
  const requestGrantId =
    event.requestId && !event.grantId ? ((await listAuditEvents(page.deps, page.ctx, { requestId: event.requestId, action: 'grant.created', limit: 1 })).items[0]?.grantId ?? null) : null;

  return (
    <>
      <BackLink href="/audit">Audit events</BackLink>
      <PageHeader title={`Event ${event.seq}: ${event.action}`} description={`By ${event.actorLabel}`} />
      <AuditNav current={null} />
      <EventDetail event={event} requestGrantId={requestGrantId} />
    </>
  );
}
