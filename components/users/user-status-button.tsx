'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { disableUserAction, enableUserAction } from '@/app/(portal)/admin/users/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/**
 * Disable (offboard) with a confirmation step in place, or enable again. Disabling ends every live grant
 * at once, so the first click only asks.
 */
export function UserStatusButton({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const disable = useFormAction(disableUserAction, { onSuccess: () => router.refresh(), onRefusal: () => setAsking(false) });
  const enable = useFormAction(enableUserAction, { onSuccess: () => router.refresh() });

  if (disabled) {
    return (
      <div className="inline-flex flex-col items-end gap-2">
        <Button variant="secondary" onClick={() => void enable.run({ userId })} disabled={enable.pending} aria-label={`Enable ${email}`}>
          {enable.pending ? 'Enabling…' : 'Enable'}
        </Button>
        <InlineError className="max-w-sm text-right text-sm">{enable.formError}</InlineError>
      </div>
    );
  }
  return (
    <div className="inline-flex flex-col items-end gap-2">
      {asking ? (
        <div role="group" aria-label={`Confirm disabling ${email}`} className="flex flex-wrap items-center justify-end gap-2 rounded-md bg-red-50 p-2 text-sm text-red-900 ring-1 ring-red-200">
          <span>Disable {email}? Every live grant ends now, pending requests are withdrawn, tokens and sessions stop working.</span>
          <Button autoFocus variant="danger" onClick={() => void disable.run({ userId })} disabled={disable.pending}>
            {disable.pending ? 'Disabling…' : 'Yes, disable'}
          </Button>
          <Button variant="secondary" onClick={() => setAsking(false)} disabled={disable.pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)} aria-label={`Disable ${email}`}>
          Disable
        </Button>
      )}
      <InlineError className="max-w-sm text-right text-sm">{disable.formError}</InlineError>
    </div>
  );
}
