'use client';

import Link from 'next/link';
import { useState } from 'react';
import { verifyTrail } from '@/app/(portal)/audit/actions';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { BreakReason } from '@/lib/audit/verify';

const reasonText: Record<BreakReason, string> = {
  'hash-mismatch': 'its content no longer matches its hash: it was changed',
  gap: 'an event before it is missing: one was removed',
  'prev-hash-mismatch': 'it does not link to the event before it: something was inserted or replaced',
  forged: 'its chain fields were not written by the sealer',
  'anchor-mismatch': 'the recorded head of the chain is gone or different',
};

const number = new Intl.NumberFormat('en');

/**
 * Walks the hash chain on demand (it reads every event, so never on page load) and says whether the
 * trail is intact, or where it first breaks and why.
 */
export function VerifyTrail() {
  const [took, setTook] = useState<number | null>(null);
  const verify = useFormAction(async (input: Record<string, never>) => {
    const started = performance.now();
    const outcome = await verifyTrail(input);
    setTook(performance.now() - started);
    return outcome;
  });
  const result = verify.data;

  return (
    <section aria-labelledby="verify-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="verify-heading" className="text-base font-semibold">
        Tamper evidence
      </h2>
      <p className="mt-1 text-sm text-slate-600">Recomputes every event&apos;s hash along the chain. On a large trail this takes a while.</p>
      <div className="mt-3">
        <Button type="button" variant="secondary" onClick={() => void verify.run({})} disabled={verify.pending}>
          {verify.pending ? 'Verifying the chain…' : 'Verify the trail'}
        </Button>
      </div>
      <div role="status" aria-live="polite" aria-busy={verify.pending} className="mt-3 text-sm" data-testid="verify-result">
        {result?.ok ? (
          <div className="rounded-md bg-green-50 p-3 text-green-900 ring-1 ring-green-200">
            <p className="font-semibold">Trail intact: {number.format(result.checked)} events checked</p>
            {result.head ? (
              <p className="mt-1 text-xs break-all">
                Head: #{result.head.chainIndex} <code>{result.head.hash}</code> — write it down to prove later that nothing after it was cut off.
              </p>
            ) : null}
            {result.unsealed > 0 ? <p className="mt-1 text-xs">{number.format(result.unsealed)} newer events are not sealed yet and were not judged.</p> : null}
            {took !== null ? <p className="mt-1 text-xs">Took {(took / 1000).toFixed(1)} s.</p> : null}
          </div>
        ) : null}
        {result && !result.ok ? (
          <div className="rounded-md bg-red-50 p-3 text-red-900 ring-1 ring-red-200">
            <p className="font-semibold">
              BROKEN at event{' '}
              {result.firstBrokenId ? (
                <Link href={`/audit/events/${result.firstBrokenId}`} className="underline">
                  {result.firstBrokenId}
                </Link>
              ) : (
                `#${result.chainIndex}`
              )}
            </p>
            <p className="mt-1">
              Chain position {result.chainIndex}: {reasonText[result.reason]}. {number.format(result.checked)} events before it checked intact.
            </p>
          </div>
        ) : null}
      </div>
      {verify.formError ? (
        <div className="mt-3">
          <FormError title="Verification did not run">{verify.formError}</FormError>
        </div>
      ) : null}
    </section>
  );
}
