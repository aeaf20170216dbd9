'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revokeToken } from '@/app/(portal)/settings/tokens/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/** "Revoke", then a confirmation: whatever uses the token stops working at once. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  // Either way the list is re-read: a refused revoke usually means the token changed meanwhile.
  const settle = () => {
    setConfirming(false);
    router.refresh();
  };
  const revoke = useFormAction(revokeToken, { onSuccess: settle, onRefusal: settle });

  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div role="group" aria-label={`Confirm revoking ${name}`} className="flex items-center gap-2">
          <span className="text-xs text-slate-700">Revoke it now?</span>
          <Button type="button" variant="danger" disabled={revoke.pending} onClick={() => void revoke.run({ tokenId })} autoFocus>
            Yes, revoke<span className="sr-only"> {name}</span>
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Revoke<span className="sr-only"> {name}</span>
        </Button>
      )}
      <InlineError className="text-xs">{revoke.formError}</InlineError>
    </div>
  );
}
