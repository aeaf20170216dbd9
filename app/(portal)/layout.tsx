import { AppLink } from '@/components/ui/app-link';
import { Suspense, type ReactNode } from 'react';
import { NavLinks } from '@/components/shell/nav-links';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { navigationFor } from '@/lib/domain/navigation';
import { can } from '@/lib/domain/permissions';
import { portalPage } from '@/lib/http/page-prelude';
import { mayRequestAnything } from '@/lib/services/requests/catalog';
import { Bell, InboxCount, ReviewCount } from './header-counts';

export const dynamic = 'force-dynamic';

const roleLabel = { member: 'Member', auditor: 'Auditor', admin: 'Administrator' } as const;

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { deps, ctx } = await portalPage();
  const { actor } = ctx;
  // Only what the first byte needs is awaited here: who is signed in and which sections they see. The
  // counts and the bell stream in (header-counts.tsx), so no count holds the page back.
  const mayRequest = await mayRequestAnything(deps, ctx);
  const items = navigationFor(actor, { mayRequest }).map(({ href, label }) => ({ href, label }));
  // Approvers see how many requests wait for them next to Inbox, and how many break-glass grants wait
  // for their review next to Reviews.
  const badges = can(actor, 'inbox.view')
    ? {
        '/inbox': (
          <Suspense fallback={null}>
            <InboxCount />
          </Suspense>
        ),
        '/inbox/reviews': (
          <Suspense fallback={null}>
            <ReviewCount />
          </Suspense>
        ),
      }
    : {};
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <AppLink href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Timebox
          </AppLink>
          {/* On a phone the sections get a row of their own under the name and account. */}
          <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
            <NavLinks items={items} badges={badges} />
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <Suspense fallback={<span aria-hidden="true" className="inline-block size-10" />}>
              <Bell />
            </Suspense>
            <p className="text-right text-sm leading-tight">
              <span className="block font-medium" data-testid="user-name">
                {actor.name}
              </span>
              <span className="block text-xs text-slate-500">{roleLabel[actor.role]}</span>
            </p>
            <AppLink href="/settings/tokens" className="rounded-md px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
              API tokens
            </AppLink>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
