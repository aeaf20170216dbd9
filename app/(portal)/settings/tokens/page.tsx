import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { TokensTable } from '@/components/tokens/tokens-table';
import { PageHeader } from '@/components/ui/page-header';
import { SignOutEverywhere } from '@/components/shell/sign-out-everywhere';
import { defaultScopes, tokenScopes } from '@/lib/domain/scopes';
import { portalPage } from '@/lib/http/page-prelude';
import { listApiTokens } from '@/lib/services/tokens/list-api-tokens';
import { grantableScopes } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

export default async function Page() {
  const { deps, ctx } = await portalPage();
  const tokens = await listApiTokens(deps, ctx);
  const scopes = grantableScopes(ctx.actor).map((name) => ({ name, description: tokenScopes[name] }));
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let pipelines and tools use the Timebox REST API as you. A token can do at most what you can, narrowed to the scopes you choose."
      />
      <p className="mb-6 text-sm text-slate-600">
        Send a token as <code className="rounded bg-slate-100 px-1">Authorization: Bearer tbx_…</code> to <code className="rounded bg-slate-100 px-1">/api/v1</code>; the
        endpoints are described in <code className="rounded bg-slate-100 px-1">docs/api.md</code>. Revoke a token you no longer use, or that may have leaked: it stops
        working at once.
      </p>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <section aria-labelledby="create-token-heading" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="create-token-heading" className="mb-4 text-lg font-semibold">
            Create a token
          </h2>
          <CreateTokenForm scopes={scopes} defaultScopes={defaultScopes.filter((s) => scopes.some((g) => g.name === s))} />
        </section>
        <section aria-labelledby="tokens-heading">
          <h2 id="tokens-heading" className="mb-4 text-lg font-semibold">
            Your tokens
          </h2>
          <TokensTable tokens={tokens} />
        </section>
      </div>
      <section aria-labelledby="sessions-heading" className="mt-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="sessions-heading" className="mb-2 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          Signed in on a machine you no longer have? Signing out everywhere ends every browser session of yours, this one included, at its next request. API tokens
          are not sessions: revoke them above.
        </p>
        <SignOutEverywhere />
      </section>
    </>
  );
}
