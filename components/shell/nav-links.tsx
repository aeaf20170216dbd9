'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { InboxCountBadge } from '@/components/inbox/inbox-count-badge';

/** `inboxCount`: set for approvers only; shown beside the Inbox link, outside it, so its name stays "Inbox". */
export function NavLinks({ items, inboxCount, reviewCount }: { items: { href: string; label: string }[]; inboxCount?: number | undefined; reviewCount?: number | undefined }) {
  const pathname = usePathname();
  // The longest matching href wins, so /requests/new does not also light up /requests.
  const active = items
    .filter((i) => pathname === i.href || pathname.startsWith(i.href + '/'))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => (
        <li key={item.href} className="flex items-center">
          <Link
            href={item.href}
            aria-current={item.href === active ? 'page' : undefined}
            className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
          >
            {item.label}
          </Link>
          {item.href === '/inbox' && inboxCount !== undefined ? <InboxCountBadge initialCount={inboxCount} /> : null}
          {item.href === '/inbox/reviews' && reviewCount ? (
            <span data-testid="review-count" className="ml-[-0.25rem] inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
              {reviewCount}
              <span className="sr-only"> to review</span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
