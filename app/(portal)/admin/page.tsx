import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { ArchiveButton } from '@/components/admin/archive-button';
import { EntitlementTable } from '@/components/admin/entitlement-table';
import { Forbidden } from '@/components/shell/forbidden';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listResources } from '@/lib/services/admin/queries';
import { archiveResourceAction } from './actions';
import { portalPage } from '@/lib/http/page-prelude';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Admin' };

export default async function Page() {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Admin" />;
  const resources = await listResources(page.deps, page.ctx, { includeArchived: true });
  const live = resources.filter((r) => !r.archivedAt);
  const archived = resources.filter((r) => r.archivedAt);

  return (
    <>
      <PageHeader title="Admin" description="Resources, their roles and the policy that decides who may hold each role, for how long, and who approves. Every change is audited.">
        <div className="flex flex-wrap gap-2">
          <AppLink href="/admin/scim" className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            SCIM
          </AppLink>
          <AppLink href="/admin/users" className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            Users
          </AppLink>
          <AppLink href="/admin/notifications" className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            Notifications
          </AppLink>
          <AppLink href="/admin/drift" className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            Drift and reconciliation
          </AppLink>
          <AppLink href="/admin/resources/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
            New resource
          </AppLink>
        </div>
      </PageHeader>

      <h2 className="sr-only">Resources</h2>
      {live.length === 0 ? <EmptyState>No resources yet. Create one to offer its roles to requesters.</EmptyState> : null}
      <ul className="space-y-6" aria-label="Resources">
        {live.map((r) => (
          <li key={r.id}>
            <section aria-labelledby={`resource-${r.id}`} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <header className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h3 id={`resource-${r.id}`} className="text-lg font-semibold">
                    {r.name}
                  </h3>
                  <p className="text-sm text-slate-600">
                    <code>{r.slug}</code> · {r.kind}
                    {r.description ? ` · ${r.description}` : ''}
                  </p>
                </div>
                <div className="flex items-start gap-2">
                  <AppLink href={`/admin/resources/${r.id}`} aria-label={`Edit ${r.name}`} className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100">
                    Edit
                  </AppLink>
                  <ArchiveButton label={`Archive ${r.name}`} what={r.name} consequence="Requesters will no longer see it or its roles." action={archiveResourceAction} input={{ resourceId: r.id }} />
                </div>
              </header>
              <EntitlementTable entitlements={r.entitlements.filter((e) => !e.archivedAt)} caption={`Roles on ${r.name}`} />
            </section>
          </li>
        ))}
      </ul>

      {archived.length ? (
        <details className="mt-8">
          <summary className="cursor-pointer text-sm font-semibold text-slate-700">Archived resources ({archived.length})</summary>
          <ul className="mt-3 space-y-1 text-sm text-slate-600">
            {archived.map((r) => (
              <li key={r.id}>
                <AppLink href={`/admin/resources/${r.id}`} className="underline">
                  {r.name}
                </AppLink>{' '}
                (<code>{r.slug}</code>), archived {r.archivedAt!.slice(0, 10)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
