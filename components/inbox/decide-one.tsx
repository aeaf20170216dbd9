'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { RequestView } from '@/lib/services/views';
import { InboxItem } from './inbox-item';
import { outcomeText } from './inbox-list';

/**
 * The decision form for the one request a notification linked to. After the decision the form gives way
 * to the outcome (or to why it could not be decided: someone else was first), announced where it was.
 */
export function DecideOne({ request }: { request: RequestView }) {
  const [notice, setNotice] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  return (
    <>
      <div aria-live="polite">
        {notice?.kind === 'status' ? (
          <p className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-900 ring-1 ring-green-200">
            {notice.text} <Link href="/inbox" className="font-medium underline">Back to the inbox</Link>
          </p>
        ) : null}
      </div>
      {notice?.kind === 'alert' ? (
        <div role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {notice.text}
        </div>
      ) : null}
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
