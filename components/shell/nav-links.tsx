'use client';

import { AppLink } from '@/components/ui/app-link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * The main sections. `badges`: what to show beside (not inside) a link, by href, so the link's name stays
 * e.g. "Inbox"; the layout passes server-rendered counts that stream in on their own.
 */
export function NavLinks({ items, badges = {} }: { items: { href: string; label: string }[]; badges?: Record<string, ReactNode> }) {
  const pathname = usePathname();
  // The longest matching href wins, so /requests/new does not also light up /requests.
  const active = items
    .filter((i) => pathname === i.href || pathname.startsWith(i.href + '/'))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => (
        <li key={item.href} className="flex items-center">
          <AppLink
            href={item.href}
            aria-current={item.href === active ? 'page' : undefined}
            className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
          >
            {item.label}
          </AppLink>
          {badges[item.href] ?? null}
        </li>
      ))}
    </ul>
  );
}
