'use client';

import { signOut } from 'next-auth/react';
import { signOutEverywhereAction } from '@/app/(portal)/settings/tokens/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/** Ends every session on the server first, then clears this browser's cookie and goes to the sign-in page. */
export function SignOutEverywhere() {
  const action = useFormAction(signOutEverywhereAction, { onSuccess: () => void signOut({ callbackUrl: '/login' }) });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button type="button" variant="secondary" onClick={() => void action.run({})} disabled={action.pending}>
        {action.pending ? 'Signing out…' : 'Sign out everywhere'}
      </Button>
      <InlineError className="text-sm">{action.formError}</InlineError>
    </div>
  );
}
