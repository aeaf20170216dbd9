import type { Metadata } from 'next';
import { Forbidden } from '@/components/shell/forbidden';
import { ComingSoon } from '@/components/ui/coming-soon';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import { can } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'review')) return <Forbidden what="Inbox" />;
  return (
    <>
      <PageHeader title="Inbox" />
      <ComingSoon>Requests waiting for your decision, oldest first, with Approve and Deny, arrive with the access lifecycle.</ComingSoon>
    </>
  );
}
