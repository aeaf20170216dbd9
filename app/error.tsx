'use client';

import { Button } from '@/components/ui/button';

// Unexpected errors: the detail is in the server log, never in the browser.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        Timebox could not show this page. Nothing you entered was lost on the server. Try again; if it keeps happening, give your administrator this reference:{' '}
        <code>{error.digest ?? 'none'}</code>.
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
