'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revokeToken } from '@/app/(portal)/settings/tokens/actions';
import { Button } from '@/components/ui/button';

/** "Revoke", then a confirmation: whatever uses the token stops working at once. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => revokeToken({ tokenId }),
    onSuccess: (result) => {
      if (!result.ok) setError(result.error.message);
      setConfirming(false);
      router.refresh();
    },
    onError: () => setError('Could not revoke. Check your connection and try again.'),
  });

  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div role="group" aria-label={`Confirm revoking ${name}`} className="flex items-center gap-2">
          <span className="text-xs text-slate-700">Revoke it now?</span>
          <Button type="button" variant="danger" disabled={mutation.isPending} onClick={() => mutation.mutate()} autoFocus>
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
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
