'use client';

import { ErrorMessage } from '@/components/shell/error-message';

/** A portal page that failed: inside the layout's <main>, so none of its own (one main landmark per page). */
export default function PortalErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage digest={error.digest} reset={reset} />;
}
