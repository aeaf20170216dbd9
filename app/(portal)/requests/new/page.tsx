import type { Metadata } from 'next';
import { Forbidden } from '@/components/shell/forbidden';
import { ComingSoon } from '@/components/ui/coming-soon';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import { can } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Request access' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'request')) return <Forbidden what="Request access" />;
  return (
    <>
      <PageHeader title="Request access" />
      <ComingSoon>The request form — resource, role, duration, justification and ticket, with the policy that applies shown before you submit — arrives with the access lifecycle.</ComingSoon>
    </>
  );
}
