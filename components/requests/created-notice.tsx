import { AppLink } from '@/components/ui/app-link';
import type { ReactNode } from 'react';
import { LocalTime } from '@/components/ui/time';
import type { RequestView } from '@/lib/services/views';

/** What just happened to the request the form sent: active at once, scheduled, or waiting. */
export function CreatedNotice({ request }: { request: RequestView }) {
  const what = `${request.resourceName} / ${request.role}`;
  const grant = request.grant;
  let text: ReactNode;
  let tone = 'bg-green-50 text-green-900 ring-green-200';
  if (request.status === 'approved' && grant?.status === 'active') {
    text = (
      <>
        Auto-approved: your access to {what} is active until <LocalTime iso={grant.expiresAt} />. <AppLink href="/grants" className="font-medium underline">See your grants</AppLink>.
      </>
    );
  } else if (request.status === 'approved' && grant?.status === 'scheduled') {
    text = (
      <>
        Auto-approved: your access to {what} starts at <LocalTime iso={grant.startsAt} />.
      </>
    );
  } else if (request.status === 'approved' && grant?.status === 'failed') {
    tone = 'bg-red-50 text-red-900 ring-red-200';
    text = <>Approved, but granting access to {what} failed: {grant.failureReason ?? 'unknown reason'}.</>;
  } else if (request.status === 'pending') {
    text = <>Request sent: {what} is waiting for approval. You can follow it here and cancel it while it waits.</>;
  } else {
    text = (
      <>
        Request for {what} is {request.status}.
      </>
    );
  }
  return (
    <div role="status" className={`mb-6 rounded-md p-4 text-sm ring-1 ${tone}`}>
      {text}
    </div>
  );
}
