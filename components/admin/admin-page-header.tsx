import type { ReactNode } from 'react';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';

/** The header of a page one step below /admin: the way back to Admin, then the title, as every such page has. */
export function AdminPageHeader(props: { title: string; description?: string; children?: ReactNode }) {
  return (
    <>
      <BackLink href="/admin">Admin</BackLink>
      <PageHeader {...props} />
    </>
  );
}
