'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A read-only value with a Copy button: a password, a connection URL, a certificate. Copy puts it on
 * the clipboard; if the browser refuses (no permission, plain http), the text is selected instead so
 * Ctrl+C works. The outcome is announced politely.
 */
export function CopyField({ label, value, multiline = false, secret = false }: { label: string; value: string; multiline?: boolean; secret?: boolean }) {
  const id = useId();
  const control = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(`${label} copied to the clipboard.`);
    } catch {
      control.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  }

  const common = {
    id,
    ref: control,
    readOnly: true,
    value,
    spellCheck: false,
    autoComplete: 'off',
    onFocus: (e: { currentTarget: { select(): void } }) => e.currentTarget.select(),
    className: 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs',
    'data-secret': secret ? 'true' : undefined,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1 flex items-start gap-2">
        {multiline ? <textarea {...common} rows={4} /> : <input {...common} type="text" />}
        <Button type="button" variant="secondary" onClick={copy}>
          Copy<span className="sr-only"> {label}</span>
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-slate-600">
        {status}
      </p>
    </div>
  );
}
