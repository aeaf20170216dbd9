import type { Metadata } from 'next';
import { Suspense } from 'react';
import { inboxPageQuery } from '@/components/inbox/inbox-page-query';
import { Forbidden } from '@/components/shell/forbidden';
import { Loading } from '@/components/ui/loading';
import { PageHeader } from '@/components/ui/page-header';
import { portalPage } from '@/lib/http/page-prelude';
import { BadInboxLink, InboxPageList } from './inbox-page-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('inbox.view');
  if (!page) return <Forbidden what="Inbox" />;
  const query = inboxPageQuery.safeParse(await searchParams);
  return (
    <>
      <PageHeader title="Inbox" description="Requests waiting for your decision, oldest first. Your own requests never appear here: someone else decides them." />
      {query.success ? (
        <Suspense fallback={<Loading>Loading the requests…</Loading>}>
          <InboxPageList page={page} query={query.data} />
        </Suspense>
      ) : (
        <BadInboxLink message="It asks for a page this server does not know." />
      )}
    </>
  );
}
