import type { Metadata } from 'next';
import { AdminPageHeader } from '@/components/admin/admin-page-header';
import { Forbidden } from '@/components/shell/forbidden';
import { LocalTime } from '@/components/ui/time';
import { ScimTokenPanel } from '@/components/users/scim-token-panel';
import { portalPage } from '@/lib/http/page-prelude';
import { scimTokenStatus } from '@/lib/services/scim/scim-token';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'SCIM provisioning' };

export default async function Page() {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="SCIM provisioning" />;
  const status = await scimTokenStatus(page.deps, page.ctx);
  return (
    <>
      <AdminPageHeader
        title="SCIM provisioning"
        description="Let your identity provider (Okta, Entra ID) create, update and deactivate users and groups. Deactivating a user there offboards them here: every live grant ends at once."
      />
      <section className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <p className="text-sm text-slate-700">
          SCIM base URL: <code className="rounded bg-slate-100 px-1">{'<your Timebox URL>'}/scim/v2</code>. Authentication: bearer token.
        </p>
        <p className="text-sm text-slate-700" data-testid="scim-token-status">
          {status.prefix ? (
            <>
              Live token <code>{status.prefix}…</code>, created <LocalTime iso={status.createdAt!} />, {status.lastUsedAt ? <>last used <LocalTime iso={status.lastUsedAt} /></> : 'not used yet'}.
            </>
          ) : (
            'No token yet: SCIM requests are refused.'
          )}
        </p>
        <ScimTokenPanel hasToken={status.prefix !== null} />
      </section>
    </>
  );
}
