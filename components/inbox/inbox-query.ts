import type { RequestView } from '@/lib/services/views';

// Shared by the inbox list and the nav badge, so a decision updates both at once.
export const inboxKey = ['portal', 'inbox'] as const;
export const inboxCountKey = ['portal', 'inbox-count'] as const;

/** Polling interval for the approver's queue: fresh enough to feel live, light on the server. */
export const INBOX_REFRESH_MS = 5_000;
export const INBOX_COUNT_REFRESH_MS = 30_000;

export interface InboxData {
  requests: RequestView[];
  count: number;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

export const fetchInbox = () => getJson<InboxData>('/api/portal/inbox');
export const fetchInboxCount = async () => (await getJson<{ count: number }>('/api/portal/inbox/count')).count;
