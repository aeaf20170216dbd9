import type { Metadata } from 'next';
import { Forbidden } from '@/components/shell/forbidden';
import { ComingSoon } from '@/components/ui/coming-soon';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import { can } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Grants' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'request')) return <Forbidden what="Grants" />;
  return (
    <>
      <PageHeader title="Grants" />
      <ComingSoon>Your active grants with time left, Revoke and Extend, and your past grants, arrive with the access lifecycle.</ComingSoon>
    </>
  );
}
