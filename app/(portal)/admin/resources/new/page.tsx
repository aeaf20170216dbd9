import type { Metadata } from 'next';
import { AdminPageHeader } from '@/components/admin/admin-page-header';
import { ResourceForm } from '@/components/admin/resource-form';
import { Forbidden } from '@/components/shell/forbidden';
import { createResourceAction } from '../../actions';
import { portalPage } from '@/lib/http/page-prelude';
import { resourceSettingsExamples } from '@/lib/connectors/resource-settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New resource · Admin' };

export default async function Page() {
  if (!(await portalPage('portal.admin'))) return <Forbidden what="Admin" />;
  return (
    <>
      <AdminPageHeader title="New resource" description="A system people request access to. Add its roles and their policies next." />
      <ResourceForm action={createResourceAction} examples={resourceSettingsExamples} />
    </>
  );
}
