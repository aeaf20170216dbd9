'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { cancelRequest } from '@/app/(portal)/requests/actions';
import { Button } from '@/components/ui/button';

/** "Cancel" on a pending request; the page re-reads the list afterwards. */
export function CancelRequestButton({ requestId, what }: { requestId: string; what: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => cancelRequest({ requestId }),
    onSuccess: (result) => {
      if (!result.ok) {
        setError(result.error.message);
        router.refresh(); // e.g. it was decided meanwhile: show its real status
        return;
      }
      router.refresh();
    },
    onError: () => setError('Could not cancel. Check your connection and try again.'),
  });
  return (
    <div>
      <Button type="button" variant="secondary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        Cancel<span className="sr-only"> request for {what}</span>
      </Button>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
