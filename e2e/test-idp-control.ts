import type { TestIdpAccount } from '@/lib/testing/test-idp';
import { testIdpIssuer } from './test-idp-settings';

// The spec's side of the test IdP's control calls (lib/testing/test-idp.ts): what the IdP says about people.
async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${testIdpIssuer}/_test/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 204) throw new Error(`test IdP ${path}: ${response.status} ${await response.text()}`);
}

/** Creates or changes an account at the IdP; the portal sees it at the next sign-in. */
export const setIdpAccount = (account: TestIdpAccount) => post('accounts', account);

/** The IdP's admin rotates the client secret (the portal keeps the one it was configured with). */
export const setIdpClientSecret = (clientSecret: string) => post('client-secret', { clientSecret });
