'use client';

import { AppLink } from '@/components/ui/app-link';
import { useState } from 'react';
import type { RequestView } from '@/lib/services/views';
import { DecisionNotice, type Notice } from './decision-notice';
import { InboxItem } from './inbox-item';
import { outcomeText } from './inbox-list';

/**
 * The decision form for the one request a notification linked to. After the decision the form gives way
 * to the outcome (or to why it could not be decided: someone else was first), announced where it was.
 */
export function DecideOne({ request }: { request: RequestView }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <>
      <DecisionNotice
        notice={notice}
        more={
          <AppLink href="/inbox" className="font-medium underline">
            Back to the inbox
          </AppLink>
        }
      />
      {notice ? null : (
        <InboxItem
          request={request}
          onDecided={(decided, decision) => {
            setNotice({ kind: 'status', text: outcomeText(decided, decision) });
          }}
          onGone={(_, message) => {
            setNotice({ kind: 'alert', text: message });
          }}
        />
      )}
    </>
  );
}
