import type { Metadata } from 'next';
import { Forbidden } from '@/components/shell/forbidden';
import { ComingSoon } from '@/components/ui/coming-soon';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import { can } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My requests' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'request')) return <Forbidden what="My requests" />;
  return (
    <>
      <PageHeader title="My requests" />
      <ComingSoon>Your requests, their status and their grants, with Cancel while pending, arrive with the access lifecycle.</ComingSoon>
    </>
  );
}
