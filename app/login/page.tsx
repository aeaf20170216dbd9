import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DevLoginForm } from '@/components/auth/dev-login-form';
import { OidcButton } from '@/components/auth/oidc-button';
import { getCurrentActor } from '@/lib/auth/current-actor';
import { getConfig } from '@/lib/config/env';
import { safeCallbackPath } from '@/lib/domain/safe-redirect';
import { getServiceDeps } from '@/lib/services/runtime';
import { listDevLoginEmails } from '@/lib/services/users';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

const errorMessages: Record<string, string> = {
  NoEmail: 'Your identity provider did not share an e-mail address.',
  EmailNotVerified: 'Your identity provider has not verified your e-mail address, so Timebox cannot tell it is yours. Ask your IdP administrator.',
  AccountLinked: 'This e-mail address belongs to a Timebox account linked to a different identity. Ask a Timebox administrator.',
  AccountDisabled: 'Your Timebox account is disabled.',
  OAuthSignin: 'Timebox could not reach the identity provider, or it refused the client. Ask your administrator to check the OIDC settings.',
  Callback: 'The sign-in could not be completed. Try again.',
  OAuthCallback: 'The identity provider could not complete the sign-in. Try again; if it keeps failing, ask your administrator to check the OIDC client settings.',
  AccessDenied: 'You are not allowed to sign in.',
  SessionRequired: 'Please sign in to continue.',
  RateLimited: 'Too many failed sign-ins from your address. Try again in a few minutes.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : null);
  if (await getCurrentActor()) redirect(callbackUrl);

  const config = getConfig();
  const error = typeof params.error === 'string' ? (errorMessages[params.error] ?? 'Sign-in failed. Try again.') : null;
  const demoEmails = config.devLogin ? await listDevLoginEmails(await getServiceDeps()) : [];

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-2xl font-bold tracking-tight">Sign in to Timebox</h1>
        <p className="mt-1 text-sm text-slate-600">Just-in-time access, for as long as you need it and no longer.</p>
        {error ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <div className="mt-6 space-y-6">
          {config.oidc ? <OidcButton name={config.oidc.name} callbackUrl={callbackUrl} /> : null}
          {config.devLogin ? (
            <section aria-labelledby="dev-login-heading">
              <h2 id="dev-login-heading" className="mb-3 text-sm font-semibold text-slate-700">
                Demo sign-in
              </h2>
              <DevLoginForm callbackUrl={callbackUrl} demoEmails={demoEmails} />
              <p className="mt-3 text-xs text-slate-500">For the seeded demo users only. Turn it off with AUTH_DEV_LOGIN=false.</p>
            </section>
          ) : null}
          {!config.oidc && !config.devLogin ? (
            <p role="alert" className="text-sm text-red-800">
              No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or AUTH_DEV_LOGIN=true for the demo users).
            </p>
          ) : null}
        </div>
      </div>
    </main>
  );
}
