'use client';

import { useRouter } from 'next/navigation';
import { cancelRequest } from '@/app/(portal)/requests/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/**
 * "Cancel" on a pending request. Afterwards My requests says what happened (`?cancelled=` survives the
 * re-render that removes this button); after a refusal (e.g. it was decided meanwhile) it re-reads the list.
 */
export function CancelRequestButton({ requestId, what }: { requestId: string; what: string }) {
  const router = useRouter();
  const cancel = useFormAction(cancelRequest, {
    onSuccess: () => router.replace(`/requests?cancelled=${requestId}`, { scroll: false }),
    onRefusal: () => router.refresh(),
  });
  return (
    <div>
      <Button type="button" variant="secondary" disabled={cancel.pending} onClick={() => void cancel.run({ requestId })}>
        Cancel<span className="sr-only"> request for {what}</span>
      </Button>
      <InlineError className="mt-1 text-xs">{cancel.formError}</InlineError>
    </div>
  );
}
