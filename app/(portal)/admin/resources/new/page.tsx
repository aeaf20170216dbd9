import type { Metadata } from 'next';
import { ResourceForm } from '@/components/admin/resource-form';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { createResourceAction } from '../../actions';
import { portalPage } from '@/lib/http/page-prelude';
import { BackLink } from '@/components/ui/back-link';
import { resourceSettingsExamples } from '@/lib/connectors/resource-settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New resource · Admin' };

export default async function Page() {
  if (!(await portalPage('portal.admin'))) return <Forbidden what="Admin" />;
  return (
    <>
      <BackLink href="/admin">Admin</BackLink>
      <PageHeader title="New resource" description="A system people request access to. Add its roles and their policies next." />
      <ResourceForm action={createResourceAction} examples={resourceSettingsExamples} />
    </>
  );
}
