import type { RequestView } from '@/lib/services/views';
import { inboxHref, type InboxPageQuery } from './inbox-page-query';

// Shared by the inbox list and the nav badge, so a decision updates both at once.
export const inboxKey = ['portal', 'inbox'] as const;
/** One page of the queue; invalidating inboxKey refreshes every page. */
export const inboxPageKey = (page: InboxPageQuery) => [...inboxKey, page.after ?? '', page.limit ?? 0] as const;
export const inboxCountKey = ['portal', 'inbox-count'] as const;

/** Polling interval for the approver's queue: fresh enough to feel live, light on the server. */
export const INBOX_REFRESH_MS = 5_000;
export const INBOX_COUNT_REFRESH_MS = 30_000;

export interface InboxData {
  requests: RequestView[];
  count: number;
  /** The page after this one ("Next requests"); null on the last page. */
  nextCursor: string | null;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

export const fetchInbox = (page: InboxPageQuery) => getJson<InboxData>(`/api/portal${inboxHref(page)}`);
export const fetchInboxCount = async () => (await getJson<{ count: number }>('/api/portal/inbox/count')).count;
