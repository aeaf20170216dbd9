import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { DecideOne } from '@/components/inbox/decide-one';
import { ReviewsList } from '@/components/requests/reviews-list';
import { Forbidden } from '@/components/shell/forbidden';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { StatusPill } from '@/components/ui/status-pill';
import { can } from '@/lib/domain/permissions';
import { portalPage } from '@/lib/http/page-prelude';
import { getRequestForDecision } from '@/lib/services/requests/queries';
import type { RequestView } from '@/lib/services/views';
import { idOrNotFound, orNotFound } from '../../or-not-found';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Request' };

/** Why there is nothing to decide here: decided already, or not this person's to decide. */
function NotYours({ request, actorId }: { request: RequestView; actorId: string }) {
  const why =
    request.status !== 'pending'
      ? `This request is ${request.status}; there is nothing left to decide.`
      : request.requester.id === actorId
        ? 'This is your own request: someone else decides it.'
        : 'Your decision is recorded, or this request is not yours to decide; it waits for others.';
  return (
    <section aria-labelledby="request-heading" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="request-heading" className="flex flex-wrap items-center gap-2 font-semibold">
        {request.requester.name} asked for {request.role} on {request.resourceName} <StatusPill status={request.status} />
      </h2>
      <p className="mt-2 text-sm text-slate-700">{why}</p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Duration</dt>
        <dd>{request.durationMinutes} minutes</dd>
        <dt className="text-slate-500">Justification</dt>
        <dd className="break-words whitespace-pre-line">{request.justification || <span className="text-slate-500">none given</span>}</dd>
        <dt className="text-slate-500">Decisions</dt>
        <dd>
          <ReviewsList reviews={request.reviews} empty="none" />
        </dd>
      </dl>
      {request.grant ? (
        <p className="mt-3 text-sm">
          <AppLink href={`/grants/${request.grant.id}`} className="font-medium text-brand-700 underline">
            Open the grant
          </AppLink>
        </p>
      ) : null}
    </section>
  );
}

/** One request, where notifications link: the approver decides it here (a POST); opening the link changes nothing. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const page = await portalPage('requests.read');
  if (!page) return <Forbidden what="Requests" />;
  const id = await idOrNotFound(params);
  const { request, decidable } = await orNotFound(getRequestForDecision(page.deps, page.ctx, id));
  return (
    <>
      {can(page.ctx, 'inbox.view') ? <BackLink href="/inbox">Inbox</BackLink> : <BackLink href="/requests">My requests</BackLink>}
      <PageHeader title="Request" description={decidable ? 'Waiting for your decision.' : undefined} />
      {decidable ? <DecideOne request={request} /> : <NotYours request={request} actorId={page.ctx.actor.id} />}
    </>
  );
}
