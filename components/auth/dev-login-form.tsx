'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { safeCallbackPath } from '@/lib/domain/safe-redirect';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/http/server-action';

/** next-auth's sign-in as an action result, so the form handles it like every other form. */
async function signInAs(email: string, callbackUrl: string): Promise<ActionResult<null>> {
  if (!email) return { ok: false, error: { code: 'bad_request', message: 'Enter the e-mail address of a demo user.' } };
  const result = await signIn('dev-login', { email, callbackUrl, redirect: false });
  if (result?.error === 'RateLimited') return { ok: false, error: { code: 'rate_limited', message: 'Too many failed sign-ins from your address. Try again in a few minutes.' } };
  if (!result || result.error) return { ok: false, error: { code: 'unauthenticated', message: 'No demo user has that e-mail address.' } };
  return { ok: true, data: null };
}

export function DevLoginForm({ callbackUrl, demoEmails }: { callbackUrl: string; demoEmails: string[] }) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const errorId = useId();
  const signingIn = useFormAction((address: string) => signInAs(address, callbackUrl), {
    onSuccess: () => {
      // The prop is already checked on the server; checked again here because this is where the browser goes.
      router.replace(safeCallbackPath(callbackUrl));
      router.refresh();
    },
  });
  const error = signingIn.formError;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void signingIn.run(email.trim());
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          list="demo-users"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
        <datalist id="demo-users">
          {demoEmails.map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        <InlineError id={errorId} className="mt-2 text-sm">
          {error}
        </InlineError>
      </div>
      <Button type="submit" disabled={signingIn.pending} className="w-full">
        {signingIn.pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
