'use client';

import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { useState } from 'react';
import { decideRequest } from '@/app/(portal)/inbox/actions';
import { ReviewsList } from '@/components/requests/reviews-list';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { TextareaField } from '@/components/ui/textarea-field';
import { LocalTime, RelativeTime } from '@/components/ui/time';
import { useFormAction } from '@/components/ui/use-form-action';
import type { RequestView } from '@/lib/services/views';
import { approvalProgressText } from '@/lib/domain/approval-progress';

export type Decision = 'approve' | 'deny';

/** What the list does after a decision: an outcome to announce, or a failure the item cannot show itself. */
export interface DecisionEvents {
  onDecided: (decided: RequestView, decision: Decision) => void;
  /** The request left the approver's hands (409: someone else decided first; 404: no longer theirs). */
  onGone: (request: RequestView, message: string) => void;
}

/** One pending request with everything needed to decide it at a glance, and the decision form. */
export function InboxItem({ request, onDecided, onGone }: { request: RequestView } & DecisionEvents) {
  const [comment, setComment] = useState('');
  const decision = useFormAction(decideRequest, {
    fields: ['comment'],
    onRefusal: (refusal) => {
      if (refusal.code !== 'conflict' && refusal.code !== 'not_found') return false;
      onGone(request, refusal.message);
      return true;
    },
  });
  async function decide(choice: Decision) {
    const decided = await decision.run({ requestId: request.id, decision: choice, comment });
    if (decided) onDecided(decided, choice);
  }

  const headingId = `request-${request.id}`;
  return (
    <article aria-labelledby={headingId} data-request-id={request.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          {request.requester.name} asks for {request.role} on {request.resourceName}
          {request.breakGlass ? <BreakGlassBadge /> : null}
          {request.extendsGrantId ? (
            <Badge tone="info" className="ml-2">
              extension
            </Badge>
          ) : null}
        </h2>
        <p className="text-xs text-slate-500">
          asked <RelativeTime iso={request.createdAt} /> · lapses <RelativeTime iso={request.expiresAt} />
        </p>
      </header>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Requester</dt>
        <dd>
          {request.requester.name} <span className="text-slate-500">({request.requester.email})</span>
        </dd>
        <dt className="text-slate-500">Resource</dt>
        <dd>
          {request.resourceName} <span className="text-slate-500">({request.resource})</span>
        </dd>
        <dt className="text-slate-500">Role</dt>
        <dd>{request.role}</dd>
        <dt className="text-slate-500">Duration</dt>
        <dd>
          {request.extendsGrantId ? '+' : ''}
          {request.durationMinutes} minutes
          {request.startAt ? (
            <>
              , from <LocalTime iso={request.startAt} />
            </>
          ) : null}
        </dd>
        <dt className="text-slate-500">Justification</dt>
        <dd className="break-words whitespace-pre-line">{request.justification || <span className="text-slate-500">none given</span>}</dd>
        <dt className="text-slate-500">Ticket</dt>
        <dd>{request.ticket ?? <span className="text-slate-500">none</span>}</dd>
        <dt className="text-slate-500">Decisions so far</dt>
        <dd>
          {request.approvals ? <p className="mb-1">{approvalProgressText(request.approvals)}</p> : null}
          <ReviewsList reviews={request.reviews} empty="none yet" />
        </dd>
      </dl>
      <form
        className="mt-4 space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault(); // the two buttons say which decision; Enter in the textarea adds a line
        }}
      >
        <TextareaField
          label="Comment"
          rows={2}
          value={comment}
          onChange={(e) => {
            setComment(e.target.value);
            decision.clearField('comment');
          }}
          error={decision.fields.comment}
          hint="Required to deny; shown to the requester."
        />
        <div className="flex gap-2">
          <Button type="button" disabled={decision.pending} onClick={() => void decide('approve')}>
            Approve
          </Button>
          <Button type="button" variant="danger" disabled={decision.pending} onClick={() => void decide('deny')}>
            Deny
          </Button>
        </div>
        <InlineError>{decision.formError}</InlineError>
      </form>
    </article>
  );
}
