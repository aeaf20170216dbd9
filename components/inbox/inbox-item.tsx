'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { decideRequest } from '@/app/(portal)/inbox/actions';
import { ReviewsList } from '@/components/requests/reviews-list';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextareaField } from '@/components/ui/textarea-field';
import { LocalTime, RelativeTime } from '@/components/ui/time';
import type { RequestView } from '@/lib/services/views';

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
  const [commentError, setCommentError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (decision: Decision) => decideRequest({ requestId: request.id, decision, comment }),
    onSuccess: (result, decision) => {
      if (result.ok) return onDecided(result.data, decision);
      if (result.error.code === 'conflict' || result.error.code === 'not_found') return onGone(request, result.error.message);
      if (result.error.fields?.comment) return setCommentError(result.error.fields.comment);
      setError(result.error.message);
    },
    onError: () => setError('The decision could not be sent. Check your connection and try again.'),
  });
  const decide = (decision: Decision) => {
    setCommentError(undefined);
    setError(null);
    mutation.mutate(decision);
  };

  const headingId = `request-${request.id}`;
  return (
    <article aria-labelledby={headingId} data-request-id={request.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          {request.requester.name} asks for {request.role} on {request.resourceName}
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
            setCommentError(undefined);
          }}
          error={commentError}
          hint="Required to deny; shown to the requester."
        />
        <div className="flex gap-2">
          <Button type="button" disabled={mutation.isPending} onClick={() => decide('approve')}>
            Approve
          </Button>
          <Button type="button" variant="danger" disabled={mutation.isPending} onClick={() => decide('deny')}>
            Deny
          </Button>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </form>
    </article>
  );
}
