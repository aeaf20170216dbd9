'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { extendGrant } from '@/app/(portal)/grants/actions';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { TextField } from '@/components/ui/text-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ExtensionTicket } from '@/lib/services/grants/queries';
import type { RequestView } from '@/lib/services/views';

type Outcome = { kind: 'extended' } | { kind: 'waiting'; minutes: number };

/**
 * "Extend": more minutes on a live grant, through the same policy as a new request. When that policy
 * wants a ticket, the form asks for one too, starting from the ticket of the original request.
 */
export function ExtendControl({ grantId, what, ticket }: { grantId: string; what: string; ticket?: ExtensionTicket | undefined }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState('');
  const [justification, setJustification] = useState('');
  const [ticketText, setTicketText] = useState(ticket?.original ?? '');
  const headingId = useId();
  const extend = useFormAction(extendGrant, {
    fields: ['minutes', 'justification', 'ticket'],
    onSuccess: () => {
      setOpen(false);
      setMinutes('');
      setJustification('');
      setTicketText(ticket?.original ?? '');
      router.refresh();
    },
  });
  const outcome = extend.data ? describe(extend.data) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void extend.run({ grantId, minutes, justification, ...(ticket?.required ? { ticket: ticketText } : {}) });
  }

  return (
    <div>
      {/* Always there, empty until an outcome (a live region must exist before it speaks); no margin while empty, so Extend lines up with Revoke. */}
      <div aria-live="polite">
        {outcome?.kind === 'extended' ? (
          <p className="mb-2 text-sm text-green-800">Extended at once: the new end time is shown above.</p>
        ) : outcome?.kind === 'waiting' ? (
          <p className="mb-2 text-sm text-amber-900">Extension of {outcome.minutes} minutes is waiting for approval.</p>
        ) : null}
      </div>
      {open ? (
        <form onSubmit={onSubmit} noValidate aria-labelledby={headingId} className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <p id={headingId} className="text-sm font-medium">
            Extend {what}
          </p>
          {extend.formError ? <FormError>{extend.formError}</FormError> : null}
          <TextField label="Minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} error={extend.fields.minutes} />
          <TextareaField label="Justification" rows={2} value={justification} onChange={(e) => setJustification(e.target.value)} error={extend.fields.justification} />
          {ticket?.required ? (
            <TextField
              label="Ticket"
              value={ticketText}
              onChange={(e) => setTicketText(e.target.value)}
              error={extend.fields.ticket}
              hint={ticketHint(ticket)}
            />
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={extend.pending}>
              Request extension
            </Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          Extend<span className="sr-only"> {what}</span>
        </Button>
      )}
    </div>
  );
}

/** Requesters see the policy's example (e.g. OPS-123); the raw pattern only when there is none. */
function ticketHint(ticket: ExtensionTicket): string | undefined {
  if (ticket.example) return `e.g. ${ticket.example}`;
  return ticket.pattern ? `Format: ${ticket.pattern}` : undefined;
}

function describe(request: RequestView): Outcome {
  if (request.status === 'approved') return { kind: 'extended' };
  return { kind: 'waiting', minutes: request.durationMinutes };
}
