'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import { markAllNotificationsRead, markNotificationsRead } from '@/app/(portal)/settings/notifications/actions';
import { InlineError } from '@/components/ui/form-error';
import { RelativeTime } from '@/components/ui/time';
import { useFormAction } from '@/components/ui/use-form-action';
import type { BellItem, BellView } from '@/lib/services/notify/bell';
import { BELL_REFRESH_MS, bellKey, fetchBell } from './bell-query';

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The in-portal channel: a bell in the header with the unread count (in its name, for screen readers) and
 * the latest notifications, each a link to its request or grant. Opening one marks it read with a POST
 * (a server action) before following the link; the link itself changes nothing.
 */
export function NotificationBell({ initial }: { initial: BellView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const { data = initial } = useQuery({ queryKey: bellKey, queryFn: fetchBell, initialData: initial, refetchInterval: BELL_REFRESH_MS });
  // A server re-render (after any action, or a navigation) brings a fresher bell than the cache may hold.
  useEffect(() => {
    queryClient.setQueryData(bellKey, initial);
  }, [initial, queryClient]);
  const update = (unread: number, read: (item: BellItem) => boolean) =>
    queryClient.setQueryData<BellView>(bellKey, (old) => (old ? { unread, items: old.items.map((i) => ({ ...i, read: i.read || read(i) })) } : old));
  const markOne = useFormAction(markNotificationsRead);
  const markAll = useFormAction(markAllNotificationsRead, { onSuccess: ({ unread }) => update(unread, () => true) });

  // Escape (focus back on the bell) or a click anywhere else closes the panel, as a menu would.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!container.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  async function follow(event: MouseEvent<HTMLAnchorElement>, item: BellItem) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // a new tab: just the link
    event.preventDefault();
    if (!item.read) {
      const result = await markOne.run({ ids: [item.id] });
      if (result) update(result.unread, (i) => i.id === item.id);
    }
    setOpen(false);
    router.push(item.path);
  }

  const label = `Notifications, ${data.unread} unread`;
  return (
    <div ref={container} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="bell"
        className="relative inline-flex size-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <BellIcon />
        {data.unread > 0 ? (
          <span aria-hidden="true" data-testid="bell-count" className="absolute top-0.5 right-0.5 inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-xs font-semibold text-white">
            {data.unread > 99 ? '99+' : data.unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          id={panelId}
          aria-labelledby={`${panelId}-heading`}
          className="fixed inset-x-2 top-16 z-20 max-h-[70vh] overflow-y-auto rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 id={`${panelId}-heading`} className="text-base font-semibold">
              Notifications
            </h2>
            {data.unread > 0 ? (
              <button type="button" onClick={() => void markAll.run({})} disabled={markAll.pending} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
                {markAll.pending ? 'Marking…' : 'Mark all read'}
              </button>
            ) : null}
          </div>
          <InlineError>{markAll.formError ?? markOne.formError}</InlineError>
          {data.items.length === 0 ? (
            <p className="py-4 text-sm text-slate-600">Nothing yet. Requests that need you and news about your access appear here.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Latest notifications">
              {data.items.map((item) => (
                <li key={item.id} data-testid="bell-item" data-read={item.read}>
                  <AppLink href={item.path} onClick={(e) => void follow(e, item)} className="flex gap-2 rounded-md px-1 py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
                    <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${item.read ? 'bg-transparent' : 'bg-brand-600'}`} />
                    <span className="min-w-0 flex-1">
                      {item.read ? null : <span className="sr-only">Unread: </span>}
                      {item.urgent ? <span className="font-semibold text-red-700">Urgent: </span> : null}
                      <span className={item.read ? 'text-slate-700' : 'font-medium text-slate-900'}>{item.subject}</span>
                      <span className="block text-xs text-slate-500">
                        <RelativeTime iso={item.createdAt} />
                      </span>
                    </span>
                  </AppLink>
                </li>
              ))}
            </ul>
          )}
          <AppLink href="/settings/notifications" onClick={() => setOpen(false)} className="mt-2 block rounded-md px-1 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50">
            Notification settings
          </AppLink>
        </section>
      ) : null}
    </div>
  );
}
