import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { auditHref } from '@/components/audit/audit-query';
import { AuditNav } from '@/components/audit/audit-nav';
import { GrantTimeline } from '@/components/audit/grant-timeline';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { auditGrantTimeline } from '@/lib/audit/audit-service';
import { portalPage } from '@/lib/http/page-prelude';
import { idOrNotFound, orNotFound } from '../../../or-not-found';
import { BackLink } from '@/components/ui/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Grant timeline' };

export default async function Page(props: { params: Promise<{ id: string }> }) {
  const page = await portalPage('audit.read');
  if (!page) return <Forbidden what="Audit" />;
  const id = await idOrNotFound(props.params);
  const timeline = await orNotFound(auditGrantTimeline(page.deps, page.ctx, id));

  return (
    <>
      <BackLink href="/audit">Audit events</BackLink>
      <PageHeader title="Grant timeline" description={`Grant ${timeline.grantId}: from the request to the end of access, as the audit trail records it.`}>
        <AppLink href={auditHref({ grantId: timeline.grantId })} className="text-sm font-medium text-brand-700 underline">
          This grant&apos;s events as a list
        </AppLink>
      </PageHeader>
      <AuditNav current={null} />
      <GrantTimeline timeline={timeline} />
    </>
  );
}
