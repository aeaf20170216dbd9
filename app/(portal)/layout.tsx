import Link from 'next/link';
import type { ReactNode } from 'react';
import { NotificationBell } from '@/components/notify/notification-bell';
import { NavLinks } from '@/components/shell/nav-links';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { navigationFor } from '@/lib/domain/navigation';
import { can } from '@/lib/domain/permissions';
import { countInboxForView, portalPage } from '@/lib/http/page-prelude';
import { mayRequestAnything } from '@/lib/services/requests/catalog';
import { countReviewQueue } from '@/lib/services/break-glass/review-queue';
import { listBell } from '@/lib/services/notify/bell';

export const dynamic = 'force-dynamic';

const roleLabel = { member: 'Member', auditor: 'Auditor', admin: 'Administrator' } as const;

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { deps, ctx } = await portalPage();
  const { actor } = ctx;
  // Approvers see how many requests wait for them next to Inbox.
  const [mayRequest, inboxCount, reviewCount, bell] = await Promise.all([
    mayRequestAnything(deps, ctx),
    can(actor, 'inbox.view') ? countInboxForView() : undefined,
    // …and how many break-glass grants wait for their review, next to Reviews.
    can(actor, 'inbox.view') ? countReviewQueue(deps, ctx) : undefined,
    // Everyone has a bell: the in-portal channel, and the only one for people without e-mail.
    listBell(deps, ctx),
  ]);
  const items = navigationFor(actor, { mayRequest }).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Timebox
          </Link>
          {/* On a phone the sections get a row of their own under the name and account. */}
          <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
            <NavLinks items={items} inboxCount={inboxCount} reviewCount={reviewCount} />
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <NotificationBell initial={bell} />
            <p className="text-right text-sm leading-tight">
              <span className="block font-medium" data-testid="user-name">
                {actor.name}
              </span>
              <span className="block text-xs text-slate-500">{roleLabel[actor.role]}</span>
            </p>
            <Link href="/settings/tokens" className="rounded-md px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
              API tokens
            </Link>
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
