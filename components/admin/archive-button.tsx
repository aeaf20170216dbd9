'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/http/server-action';

/**
 * Archive with a confirmation step in place (no modal to trap focus): the first click asks, the
 * second archives. A refusal (live grants) is shown as an alert next to the button.
 */
export function ArchiveButton<I>({
  label,
  what,
  consequence,
  action,
  input,
  afterwards,
}: {
  label: string;
  what: string;
  consequence: string;
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  afterwards?: string;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await action(input);
      if (!result.ok) {
        setError(result.error.message);
        setAsking(false);
        return;
      }
      if (afterwards) router.push(afterwards);
      router.refresh();
    } catch {
      setError('The server could not be reached. Try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="inline-flex flex-col items-end gap-2">
      {asking ? (
        <div role="group" aria-label={`Confirm archiving ${what}`} className="flex flex-wrap items-center justify-end gap-2 rounded-md bg-red-50 p-2 text-sm text-red-900 ring-1 ring-red-200">
          <span>
            Archive {what}? {consequence}
          </span>
          {/* Focus moves to the confirmation, so keyboard users land on the choice they just asked for. */}
          <Button autoFocus variant="danger" onClick={confirm} disabled={pending}>
            {pending ? 'Archiving…' : 'Yes, archive'}
          </Button>
          <Button variant="secondary" onClick={() => setAsking(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)} aria-label={label}>
          Archive
        </Button>
      )}
      {error ? (
        <p role="alert" className="max-w-sm text-right text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
