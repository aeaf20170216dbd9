'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * The new secret, shown this once: the server keeps only its hash, so closing this panel (or
 * reloading the page) loses it for good. Copy puts it on the clipboard; if the browser refuses,
 * the text is selected so Ctrl+C works.
 */
export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      input.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  }

  return (
    <section aria-labelledby="new-token-heading" className="space-y-3 rounded-lg bg-green-50 p-4 ring-1 ring-green-600/30" data-testid="new-token">
      <h3 id="new-token-heading" className="font-semibold text-green-900">
        Token “{name}” created
      </h3>
      <p role="note" className="text-sm text-amber-900">
        Copy it now: it is shown only once and cannot be retrieved later. Store it as a secret, never in code.
      </p>
      <label htmlFor="new-token-secret" className="block text-sm font-medium text-slate-800">
        Your new token
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id="new-token-secret"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
          spellCheck={false}
          autoComplete="off"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-green-900">
        {copied}
      </p>
      <Button type="button" variant="secondary" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}
