import type { Metadata } from 'next';
import Link from 'next/link';
import { ResourceForm } from '@/components/admin/resource-form';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { createResourceAction } from '../../actions';
import { portalPage } from '@/lib/http/page-prelude';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New resource · Admin' };

export default async function Page() {
  if (!(await portalPage('portal.admin'))) return <Forbidden what="Admin" />;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin" className="text-brand-700 underline">
          ← Admin
        </Link>
      </p>
      <PageHeader title="New resource" description="A system people request access to. Add its roles and their policies next." />
      <ResourceForm action={createResourceAction} />
    </>
  );
}
