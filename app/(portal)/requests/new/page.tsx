import type { Metadata } from 'next';
import { RequestForm } from '@/components/requests/request-form';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { portalPage } from '@/lib/http/page-prelude';
import { listRequestable } from '@/lib/services/requests/catalog';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Request access' };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('requests.create');
  if (!page) return <Forbidden what="Request access" />;
  const params = await searchParams;
  // Only what the actor is eligible for: the form never offers a role the service would refuse.
  const catalog = await listRequestable(page.deps, page.ctx);
  return (
    <>
      <PageHeader title="Request access" description="Ask for one role on one resource, for a bounded time. The policy of the role you pick, shown with the form, says who approves it and for how long." />
      <RequestForm catalog={catalog} preselect={{ resource: one(params.resource), role: one(params.role) }} />
    </>
  );
}
