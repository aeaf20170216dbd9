'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { revokeGrant } from '@/app/(portal)/grants/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { TextareaField } from '@/components/ui/textarea-field';
import { useFormAction } from '@/components/ui/use-form-action';

/**
 * "Revoke" with a confirm step: ending access is not undoable, so the first click only asks.
 * The reason lands in the audit trail: optional for your own grant, required (`reasonRequired`) when an
 * admin ends someone else's — the service insists too. Afterwards Grants says what happened
 * (`?revoked=` survives the re-render that removes this card).
 */
export function RevokeControl({ grantId, what, reasonRequired = false, stayOnPage = false }: { grantId: string; what: string; reasonRequired?: boolean; stayOnPage?: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const headingId = useId();
  const revoke = useFormAction(revokeGrant, {
    fields: ['reason'],
    onSuccess: () => {
      setConfirming(false);
      if (stayOnPage) router.refresh(); // e.g. the break-glass review page, which shows the ended grant
      else router.replace(`/grants?revoked=${grantId}`, { scroll: false });
    },
    onRefusal: () => router.refresh(),
  });

  if (!confirming) {
    return (
      <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
        Revoke<span className="sr-only"> {what}</span>
      </Button>
    );
  }
  return (
    <section role="group" aria-labelledby={headingId} className="space-y-3 rounded-md bg-red-50 p-3 ring-1 ring-red-200">
      <p id={headingId} className="text-sm font-medium text-red-900">
        End access to {what} now?
      </p>
      <TextareaField
        label="Reason"
        optional={!reasonRequired}
        required={reasonRequired}
        hint={reasonRequired ? 'Recorded in the audit trail and shown to the holder.' : undefined}
        rows={2}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          revoke.clearField('reason');
        }}
        error={revoke.fields.reason}
      />
      <div className="flex gap-2">
        <Button type="button" variant="danger" disabled={revoke.pending} onClick={() => void revoke.run({ grantId, reason })}>
          Confirm revoke
        </Button>
        <Button type="button" variant="secondary" disabled={revoke.pending} onClick={() => setConfirming(false)}>
          Keep access
        </Button>
      </div>
      <InlineError>{revoke.formError}</InlineError>
    </section>
  );
}
