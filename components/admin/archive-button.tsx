'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
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
  const archive = useFormAction(action, {
    onSuccess: () => {
      if (afterwards) router.push(afterwards);
      router.refresh();
    },
    onRefusal: () => setAsking(false),
  });

  return (
    <div className="inline-flex flex-col items-end gap-2">
      {asking ? (
        <div role="group" aria-label={`Confirm archiving ${what}`} className="flex flex-wrap items-center justify-end gap-2 rounded-md bg-red-50 p-2 text-sm text-red-900 ring-1 ring-red-200">
          <span>
            Archive {what}? {consequence}
          </span>
          {/* Focus moves to the confirmation, so keyboard users land on the choice they just asked for. */}
          <Button autoFocus variant="danger" onClick={() => void archive.run(input)} disabled={archive.pending}>
            {archive.pending ? 'Archiving…' : 'Yes, archive'}
          </Button>
          <Button variant="secondary" onClick={() => setAsking(false)} disabled={archive.pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)} aria-label={label}>
          Archive
        </Button>
      )}
      <InlineError className="max-w-sm text-right text-sm">{archive.formError}</InlineError>
    </div>
  );
}
