'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import type { RequestView } from '@/lib/services/views';
import { DecisionNotice, type Notice } from './decision-notice';
import { InboxItem, type Decision } from './inbox-item';
import type { InboxPageQuery } from './inbox-page-query';
import { InboxPager } from './inbox-pager';
import { fetchInbox, INBOX_REFRESH_MS, inboxCountKey, inboxKey, inboxPageKey, type InboxData } from './inbox-query';

/** What a decision did, said to the approver (the inbox list and the one-request page). */
export function outcomeText(decided: RequestView, decision: Decision): string {
  const who = `${decided.requester.name}'s request for ${decided.role} on ${decided.resourceName}`;
  if (decision === 'deny') return `Denied ${who}.`;
  if (decided.status === 'approved') {
    const grant = decided.grant?.status;
    return `Approved ${who}.${grant === 'active' ? ' The access is active now.' : grant === 'scheduled' ? ' The access starts at the requested time.' : ''}`;
  }
  return `Your approval of ${who} is recorded; it still needs more approvals.`;
}

/**
 * One page of the approver's queue, oldest first. It refreshes itself, and a decided request leaves the
 * list at once (optimistically removed, then confirmed by a refetch, which fills the page up again).
 */
export function InboxList({ initial, page }: { initial: InboxData; page: InboxPageQuery }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const query = useQuery({
    queryKey: inboxPageKey(page),
    queryFn: async () => {
      const data = await fetchInbox(page);
      queryClient.setQueryData(inboxCountKey, data.count); // keep the nav badge in step
      return data;
    },
    initialData: initial,
    refetchInterval: INBOX_REFRESH_MS,
  });

  const removeAndRefresh = (requestId: string) => {
    queryClient.setQueryData<InboxData>(inboxPageKey(page), (old) =>
      old ? { ...old, requests: old.requests.filter((r) => r.id !== requestId), count: Math.max(0, old.count - 1) } : old,
    );
    queryClient.setQueryData<number>(inboxCountKey, (old) => (old === undefined ? old : Math.max(0, old - 1)));
    void queryClient.invalidateQueries({ queryKey: inboxKey });
  };

  const requests = query.data.requests;
  return (
    <>
      <DecisionNotice notice={notice} />
      {query.isError ? (
        <p className="mb-4 text-xs text-slate-500">
          Could not refresh the list ({query.error.message}); showing what was loaded last. It keeps trying.
        </p>
      ) : null}
      {requests.length === 0 ? (
        <EmptyState dashed>Nothing is waiting for your decision. This list refreshes by itself.</EmptyState>
      ) : (
        <div className="space-y-4">
          {requests.map((r) => (
            <InboxItem
              key={r.id}
              request={r}
              onDecided={(decided, decision) => {
                setNotice({ kind: 'status', text: outcomeText(decided, decision) });
                removeAndRefresh(r.id);
              }}
              onGone={(request, message) => {
                setNotice({
                  kind: 'alert',
                  text: `${request.requester.name}'s request for ${request.role} on ${request.resourceName} was already decided by someone else, or withdrawn: ${message}`,
                });
                removeAndRefresh(request.id);
              }}
            />
          ))}
        </div>
      )}
      <InboxPager page={page} nextCursor={query.data.nextCursor} />
    </>
  );
}
