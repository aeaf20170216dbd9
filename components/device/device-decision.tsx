'use client';

import { decideDevice } from '@/app/(portal)/device/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/** Approve or deny the waiting CLI; afterwards, tells the person to go back to their terminal. */
export function DeviceDecision({ userCode, clientName }: { userCode: string; clientName: string }) {
  const decide = useFormAction(decideDevice);
  if (decide.data) {
    return (
      <p role="status" className="rounded-md bg-slate-50 p-4 text-sm text-slate-800 ring-1 ring-slate-200">
        {decide.data.status === 'approved'
          ? `Approved. ${decide.data.clientName} is signed in as you: go back to your terminal.`
          : `Denied. ${decide.data.clientName} was not signed in.`}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-3">
        <Button type="button" disabled={decide.pending} onClick={() => void decide.run({ userCode, decision: 'approve' })}>
          Approve<span className="sr-only"> {clientName}</span>
        </Button>
        <Button type="button" variant="danger" disabled={decide.pending} onClick={() => void decide.run({ userCode, decision: 'deny' })}>
          Deny<span className="sr-only"> {clientName}</span>
        </Button>
      </div>
      <InlineError>{decide.formError}</InlineError>
    </div>
  );
}
