import type { Metadata } from 'next';
import { Forbidden } from '@/components/shell/forbidden';
import { ComingSoon } from '@/components/ui/coming-soon';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import { can } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Admin' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'admin')) return <Forbidden what="Admin" />;
  return (
    <>
      <PageHeader title="Admin" />
      <ComingSoon>Resources, entitlements, policies and API tokens become editable here with the access lifecycle.</ComingSoon>
    </>
  );
}
