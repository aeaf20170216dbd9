'use client';

import { getCredentials } from '@/app/(portal)/grants/[id]/actions';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { LocalTime } from '@/components/ui/time';
import { useFormAction } from '@/components/ui/use-form-action';
import type { DatabaseCredentials } from '@/lib/connectors/types';
import { CopyField } from './copy-field';

/**
 * "Get credentials" for a database grant. The password is set in the target by this click and shown
 * here once: Timebox keeps no copy, so leaving the page loses it (click again for a new one). Each
 * click replaces the previous password, which stops working at once.
 */
export function CredentialsPanel({ grantId, what }: { grantId: string; what: string }) {
  const issue = useFormAction(getCredentials);
  const credentials = issue.data;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Each click sets a <strong>new password</strong> in {what} and shows it here once. The previous password stops working at once; Timebox keeps no copy.
      </p>
      <Button type="button" onClick={() => void issue.run({ grantId })} disabled={issue.pending}>
        {issue.pending ? 'Setting a new password…' : credentials ? 'Get new credentials' : 'Get credentials'}
      </Button>
      <div aria-live="polite">
        {issue.formError ? <FormError title="No credentials">{issue.formError}</FormError> : null}
        {credentials ? <CredentialsView credentials={credentials} onHide={issue.reset} /> : null}
      </div>
    </div>
  );
}

function CredentialsView({ credentials: c, onHide }: { credentials: DatabaseCredentials; onHide: () => void }) {
  return (
    <section aria-labelledby="credentials-heading" data-testid="credentials" className="space-y-3 rounded-lg bg-green-50 p-4 ring-1 ring-green-600/30">
      <h3 id="credentials-heading" className="font-semibold text-green-900">
        Your credentials
      </h3>
      <p role="note" className="text-sm text-amber-900">
        Copy the password now: it is shown only this once. It stops working when the grant ends (<LocalTime iso={c.expiresAt} />) or when you ask for new credentials.
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-slate-700">Username</dt>
        <dd className="font-mono" data-testid="credentials-username">
          {c.username}
        </dd>
        <dt className="font-medium text-slate-700">Host</dt>
        <dd className="font-mono">{c.host}</dd>
        <dt className="font-medium text-slate-700">Port</dt>
        <dd className="font-mono">{c.port}</dd>
        <dt className="font-medium text-slate-700">Database</dt>
        <dd className="font-mono">{c.database}</dd>
        <dt className="font-medium text-slate-700">Expires</dt>
        <dd>
          <LocalTime iso={c.expiresAt} />
        </dd>
      </dl>
      <CopyField label="Password" value={c.password} secret />
      <CopyField label="Connection URL" value={c.url} secret />
      <Button type="button" variant="secondary" onClick={onHide}>
        Hide credentials
      </Button>
    </section>
  );
}
