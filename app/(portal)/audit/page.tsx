import type { Metadata } from 'next';
import { Forbidden } from '@/components/shell/forbidden';
import { ComingSoon } from '@/components/ui/coming-soon';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import { can } from '@/lib/domain/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'audit')) return <Forbidden what="Audit" />;
  return (
    <>
      <PageHeader title="Audit" />
      <ComingSoon>The compliance dashboard — filtered paging over the tamper-evident trail, grant timelines, metrics and CSV/NDJSON exports — arrives with the audit issue.</ComingSoon>
    </>
  );
}
