'use client';

import { AppLink } from '@/components/ui/app-link';
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
  'anchor-mismatch': 'the recorded head of the chain is different: the chain was rewritten',
  'mac-missing': 'it has no MAC: it was inserted behind the portal',
  'mac-mismatch': 'its MAC is wrong: written without the signing key, or changed',
  'seal-mac-missing': 'it was sealed without the signing key',
  'seal-mac-mismatch': 'its seal MAC is wrong: the chain was recomputed without the key',
  'search-text-mismatch': 'its search text does not match its data',
  backdated: 'it is dated well before events recorded earlier: its time was changed',
  truncated: 'the latest checkpoint recorded it, and the chain now ends before it: the newest events were removed',
  'checkpoint-invalid': 'the latest checkpoint is not genuine: the checkpoint file was tampered with',
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
      <p className="mt-1 text-sm text-slate-600">
        Recomputes every event&apos;s hash and signature along the chain and compares its head with the latest signed checkpoint. On a large trail this takes a
        while.
      </p>
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
            <p className="mt-1 text-xs">
              {result.checkpoint
                ? `Matches the latest signed checkpoint (#${result.checkpoint.chainIndex}, ${result.checkpoint.at}).`
                : 'No signed checkpoint written yet to compare the head with.'}
            </p>
            {result.legacy > 0 ? <p className="mt-1 text-xs">{number.format(result.legacy)} events were sealed before the trail was signed: chained, without MACs.</p> : null}
            {took !== null ? <p className="mt-1 text-xs">Took {(took / 1000).toFixed(1)} s.</p> : null}
          </div>
        ) : null}
        {result && !result.ok ? (
          <div className="rounded-md bg-red-50 p-3 text-red-900 ring-1 ring-red-200">
            <p className="font-semibold">
              TAMPERED: {number.format(result.findings.length)} finding{result.findings.length === 1 ? '' : 's'}
            </p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {result.findings.map((finding, i) => (
                <li key={i}>
                  {finding.id ? (
                    <AppLink href={`/audit/events/${finding.id}`} className="underline">
                      Event {finding.chainIndex !== null ? `#${finding.chainIndex}` : `seq ${finding.seq}`}
                    </AppLink>
                  ) : finding.chainIndex !== null ? (
                    `Event #${finding.chainIndex}`
                  ) : (
                    'The trail'
                  )}
                  : {reasonText[finding.reason]}.
                </li>
              ))}
            </ul>
            <p className="mt-1">{number.format(result.checked)} events before the first finding checked intact.</p>
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
