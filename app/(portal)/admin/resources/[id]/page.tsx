import type { Metadata } from 'next';
import { AdminPageHeader } from '@/components/admin/admin-page-header';
import { AppLink } from '@/components/ui/app-link';
import { ArchiveButton } from '@/components/admin/archive-button';
import { EntitlementTable } from '@/components/admin/entitlement-table';
import { ResourceForm } from '@/components/admin/resource-form';
import { Forbidden } from '@/components/shell/forbidden';
import { getResource } from '@/lib/services/admin/queries';
import { archiveEntitlementAction, archiveResourceAction, updateResourceAction } from '../../actions';
import { resourceSettingsExamples } from '@/lib/connectors/resource-settings';
import { portalPage } from '@/lib/http/page-prelude';
import { orNotFound } from '../../../or-not-found';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Resource · Admin' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Admin" />;
  const { id } = await params;
  const resource = await orNotFound(getResource(page.deps, page.ctx, { resourceId: id }));
  const archived = resource.archivedAt !== null;

  return (
    <>
      <AdminPageHeader title={resource.name} description={archived ? `Archived ${resource.archivedAt!.slice(0, 10)}: hidden from requesters and read-only.` : undefined}>
        {archived ? null : (
          <ArchiveButton label={`Archive ${resource.name}`} what={resource.name} consequence="Requesters will no longer see it or its roles." action={archiveResourceAction} input={{ resourceId: resource.id }} afterwards="/admin" />
        )}
      </AdminPageHeader>

      <section aria-labelledby="roles-heading" className="mb-8 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="roles-heading" className="text-lg font-semibold">
            Roles
          </h2>
          {archived ? null : (
            <AppLink href={`/admin/resources/${resource.id}/roles/new`} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              Add role
            </AppLink>
          )}
        </div>
        <EntitlementTable entitlements={resource.entitlements} caption={`Roles on ${resource.name}`} archiveAction={archived ? undefined : archiveEntitlementAction} />
      </section>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading" className="mb-3 text-lg font-semibold">
          Details
        </h2>
        {archived ? (
          <pre className="rounded-lg bg-white p-4 text-xs ring-1 ring-slate-200">{JSON.stringify({ slug: resource.slug, kind: resource.kind, description: resource.description, settings: resource.settings }, null, 2)}</pre>
        ) : (
          <ResourceForm action={updateResourceAction} resource={resource} examples={resourceSettingsExamples} />
        )}
      </section>
    </>
  );
}
