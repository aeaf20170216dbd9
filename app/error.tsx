'use client';

import { ErrorMessage } from '@/components/shell/error-message';

/** Errors outside the portal: no layout gives this page its landmark, so it brings its own <main>. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="px-10">
      <ErrorMessage digest={error.digest} reset={reset} />
    </main>
  );
}
