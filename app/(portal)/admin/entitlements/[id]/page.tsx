import type { Metadata } from 'next';
import { ArchiveButton } from '@/components/admin/archive-button';
import { EntitlementForm } from '@/components/admin/entitlement-form';
import { Warnings } from '@/components/admin/form-status';
import { PolicyForm } from '@/components/admin/policy-form';
import { policySummary } from '@/components/admin/policy-summary';
import { Forbidden } from '@/components/shell/forbidden';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { createdRoleNotice } from '@/lib/services/admin/created-role-notice';
import { listGroups } from '@/lib/services/admin/list-groups';
import { getEntitlement } from '@/lib/services/admin/queries';
import { archiveEntitlementAction, updateEntitlementAction, upsertPolicyAction } from '../../actions';
import { portalPage } from '@/lib/http/page-prelude';
import { orNotFound } from '../../../or-not-found';
import { BackLink } from '@/components/ui/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Role · Admin' };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Admin" />;
  const { id } = await params;
  const { resource, entitlement, warnings } = await orNotFound(getEntitlement(page.deps, page.ctx, { entitlementId: id }));
  const readOnly = entitlement.archivedAt !== null || resource.archivedAt !== null;
  // Just created: one message, green only when nothing stands in the way (the warnings follow it).
  const created = (await searchParams).created === '1' && !readOnly ? createdRoleNotice(warnings) : null;
  const groups = readOnly ? [] : await listGroups(page.deps, page.ctx);

  return (
    <>
      <BackLink href={`/admin/resources/${resource.id}`}>{resource.name}</BackLink>
      <PageHeader title={`Role ${entitlement.role} on ${resource.name}`} description={entitlement.description || undefined}>
        {readOnly ? null : (
          <ArchiveButton label={`Archive role ${entitlement.role}`} what={`role ${entitlement.role}`} consequence="Requesters will no longer see it." action={archiveEntitlementAction} input={{ entitlementId: entitlement.id }} afterwards={`/admin/resources/${resource.id}`} />
        )}
      </PageHeader>

      {created?.tone === 'success' ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          {created.text}
        </p>
      ) : null}
      <p className="mb-4 text-sm text-slate-700">
        <span className="font-medium">Policy in force:</span> <span data-testid="policy-summary">{policySummary(entitlement.policy)}</span>
        {entitlement.liveGrants ? ` · ${entitlement.liveGrants} live grant${entitlement.liveGrants === 1 ? '' : 's'}` : ''}
      </p>
      {warnings.length && !readOnly ? (
        <div role={created ? 'status' : undefined} className="mb-6 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200" aria-live="polite">
          <Warnings warnings={warnings} title={created?.text ?? 'This policy may not work as meant:'} />
        </div>
      ) : null}

      {readOnly ? (
        <EmptyState>This role {entitlement.archivedAt ? 'is' : 'belongs to a resource that is'} archived: it is hidden from requesters and can no longer be changed.</EmptyState>
      ) : (
        <div className="grid gap-8 lg:grid-cols-3">
          <section aria-labelledby="policy-heading" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 lg:col-span-2">
            <h2 id="policy-heading" className="mb-4 text-lg font-semibold">
              Policy
            </h2>
            <PolicyForm action={upsertPolicyAction} entitlementId={entitlement.id} policy={entitlement.policy} groups={groups} />
          </section>
          <section aria-labelledby="details-heading" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h2 id="details-heading" className="mb-4 text-lg font-semibold">
              Role details
            </h2>
            <EntitlementForm action={updateEntitlementAction} entitlement={entitlement} />
          </section>
        </div>
      )}
    </>
  );
}
