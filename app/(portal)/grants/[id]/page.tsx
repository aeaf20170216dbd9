import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AccessExplainer } from '@/components/grant-access/access-explainer';
import { CertificatePanel } from '@/components/grant-access/certificate-panel';
import { CredentialsPanel } from '@/components/grant-access/credentials-panel';
import { GrantFacts } from '@/components/grant-access/grant-facts';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { LocalTime } from '@/components/ui/time';
import { portalPage } from '@/lib/http/page-prelude';
import type { GrantView } from '@/lib/services/views';
import { loadGrantPage } from './load-grant';
import { BackLink } from '@/components/ui/back-link';
import { RevokeControl } from '@/components/grants/revoke-control';
import { WhileTimeLeft } from '@/components/ui/while-time-left';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Grant' };

/** What the holder does to use an active grant, by resource kind. */
function UseAccess({ grant, savedKey }: { grant: GrantView; savedKey: string | null }) {
  switch (grant.resourceKind) {
    case 'postgres':
    case 'mysql':
      return <CredentialsPanel grantId={grant.id} what={grant.resourceName} />;
    case 'ssh':
      return <CertificatePanel grantId={grant.id} savedKey={savedKey} />;
    default:
      return <AccessExplainer grant={grant} />;
  }
}

/** Why there is nothing to use right now. */
function NotUsable({ grant }: { grant: GrantView }) {
  if (grant.status === 'scheduled') {
    return (
      <p className="text-sm text-slate-700">
        This grant starts <LocalTime iso={grant.startsAt} />. Come back then to {grant.resourceKind === 'ssh' ? 'get a certificate' : grant.resourceKind === 'postgres' || grant.resourceKind === 'mysql' ? 'get credentials' : 'use it'}.
      </p>
    );
  }
  const why: Record<string, string> = {
    provisioning: 'Timebox is setting up the access in the target now; this page shows how to use it once that is done.',
    active: 'Time is up: Timebox is ending this grant now.',
    revoking: 'This grant is ending: Timebox is removing the access from the target.',
    failed: 'Access was never set up, so there is nothing to use. Request access again once the cause is fixed.',
  };
  return <p className="text-sm text-slate-700">{why[grant.status] ?? `This grant has ended (${grant.status}). Request access again if you still need it.`}</p>;
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const prelude = await portalPage('grants.read');
  if (!prelude) return <Forbidden what="Grants" />;
  const page = await loadGrantPage(prelude.deps, prelude.ctx, (await params).id);
  if (!page) notFound();
  const { grant, isHolder, usable, mayRevoke, savedKey } = page;

  return (
    <>
      <BackLink href="/grants">Grants</BackLink>
      <PageHeader title={`${grant.resourceName} / ${grant.role}`} description={isHolder ? 'Your grant: its times, its status and how to use it.' : `${grant.user.name}’s grant.`} />

      {!isHolder ? (
        <p role="note" className="mb-6 rounded-md bg-slate-100 p-3 text-sm text-slate-800 ring-1 ring-slate-200">
          {mayRevoke
            ? 'You are viewing someone else’s grant. As an administrator you can end it (with a reason); only the holder can get credentials or certificates for it.'
            : 'You are viewing someone else’s grant, read-only. Only the holder can get credentials or certificates for it.'}
        </p>
      ) : null}

      <section aria-labelledby="details-heading" className="mb-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="details-heading" className="mb-3 text-lg font-semibold">
          Details
        </h2>
        <GrantFacts grant={grant} />
      </section>

      {isHolder ? (
        <section aria-labelledby="access-heading" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="access-heading" className="mb-3 text-lg font-semibold">
            Use this access
          </h2>
          {usable ? <UseAccess grant={grant} savedKey={savedKey} /> : <NotUsable grant={grant} />}
        </section>
      ) : null}
      {mayRevoke ? (
        <WhileTimeLeft until={grant.expiresAt}>
          <section aria-labelledby="end-heading" className="mt-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="end-heading" className="mb-3 text-lg font-semibold">
              End this access
            </h2>
            <p className="mb-3 text-sm text-slate-700">
              {grant.status === 'scheduled' ? (
                <>
                  It starts <LocalTime iso={grant.startsAt} />; revoking now cancels it.
                </>
              ) : (
                <>
                  It ends by itself at <LocalTime iso={grant.expiresAt} />; revoke to end it now.
                </>
              )}
            </p>
            <RevokeControl grantId={grant.id} what={isHolder ? `${grant.resourceName} / ${grant.role}` : `${grant.resourceName} / ${grant.role} of ${grant.user.name}`} reasonRequired={!isHolder} />
          </section>
        </WhileTimeLeft>
      ) : null}
    </>
  );
}
