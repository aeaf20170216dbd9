'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchInboxCount, INBOX_COUNT_REFRESH_MS, inboxCountKey } from './inbox-query';

/**
 * How many requests wait for the approver, next to (not inside) the Inbox link, so the link's
 * name stays "Inbox". Starts from the server's count and keeps itself current.
 */
export function InboxCountBadge({ initialCount }: { initialCount: number }) {
  const queryClient = useQueryClient();
  const { data: count = initialCount } = useQuery({ queryKey: inboxCountKey, queryFn: fetchInboxCount, initialData: initialCount, refetchInterval: INBOX_COUNT_REFRESH_MS });
  // A server re-render (router.refresh after any action) brings a newer count than the cache may hold.
  useEffect(() => {
    queryClient.setQueryData(inboxCountKey, initialCount);
  }, [initialCount, queryClient]);
  if (count <= 0) return null;
  return (
    <span data-testid="inbox-count" className="ml-[-0.25rem] inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">
      {count}
      <span className="sr-only"> pending</span>
    </span>
  );
}
