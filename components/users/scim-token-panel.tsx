'use client';

import { useRouter } from 'next/navigation';
import { createScimTokenAction } from '@/app/(portal)/admin/scim/actions';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';

/** Creates or rotates the SCIM token and shows its secret once; rotating stops the old one at once. */
export function ScimTokenPanel({ hasToken }: { hasToken: boolean }) {
  const router = useRouter();
  const create = useFormAction(createScimTokenAction, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-3">
      <Button type="button" onClick={() => void create.run({})} disabled={create.pending}>
        {create.pending ? 'Creating…' : hasToken ? 'Rotate token' : 'Create token'}
      </Button>
      <InlineError className="text-sm">{create.formError}</InlineError>
      {create.data ? (
        <div role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200">
          <p className="font-semibold">Copy the token now: it is not shown again.</p>
          <code data-testid="scim-secret" className="mt-2 block break-all rounded bg-white p-2">
            {create.data.secret}
          </code>
        </div>
      ) : null}
    </div>
  );
}
