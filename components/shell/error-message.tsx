'use client';

import { Button } from '@/components/ui/button';

/**
 * What an unexpected error says; the detail is in the server log, never in the browser. Rendered bare
 * inside the portal (whose layout holds the page's one <main>), wrapped in a <main> at the root.
 */
export function ErrorMessage({ digest, reset }: { digest: string | undefined; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-10">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        Timebox could not show this page. Nothing you entered was lost on the server. Try again; if it keeps happening, give your administrator this reference: <code>{digest ?? 'none'}</code>.
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
