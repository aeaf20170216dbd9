import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NewEntitlementForm } from '@/components/admin/new-entitlement-form';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { listGroups } from '@/lib/services/admin/list-groups';
import { getResource } from '@/lib/services/admin/queries';
import { createEntitlementAction } from '../../../../actions';
import { portalPage } from '@/lib/http/page-prelude';
import { orNotFound } from '../../../../../or-not-found';
import { BackLink } from '@/components/ui/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Add role · Admin' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Admin" />;
  const { id } = await params;
  const resource = await orNotFound(getResource(page.deps, page.ctx, { resourceId: id }));
  if (resource.archivedAt) notFound();
  const groups = await listGroups(page.deps, page.ctx);

  return (
    <>
      <BackLink href={`/admin/resources/${resource.id}`}>{resource.name}</BackLink>
      <PageHeader title={`Add a role to ${resource.name}`} description="A role is what people request. Its policy says who may request it, who approves, and for how long." />
      <NewEntitlementForm action={createEntitlementAction} resourceId={resource.id} groups={groups} />
    </>
  );
}
