'use client';

import { useRef, useState } from 'react';
import { TextField } from '@/components/ui/text-field';

interface Person {
  email: string;
  name: string;
}

/** Typing pauses this long before asking for suggestions: one request per word, not per key. */
const SUGGEST_DELAY_MS = 150;

/**
 * The actor filter. People are suggested as one types (at most 20 whose e-mail or name starts with the
 * text, from /api/portal/audit/actors) instead of the page carrying everyone: with a thousand people
 * that list was most of the page, twice (HTML and RSC payload). Without JavaScript it is a plain text field.
 */
export function ActorField({ defaultValue, error }: { defaultValue: string; error: string | undefined }) {
  const [people, setPeople] = useState<Person[]>([]);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; abort: AbortController } | null>(null);

  function suggest(text: string) {
    if (pending.current) {
      clearTimeout(pending.current.timer);
      pending.current.abort.abort();
    }
    const prefix = text.trim();
    if (!prefix || prefix.startsWith('system:')) {
      pending.current = null;
      setPeople([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/portal/audit/actors?prefix=${encodeURIComponent(prefix.slice(0, 100))}`, { signal: abort.signal, headers: { accept: 'application/json' } })
        .then(async (response) => (response.ok ? ((await response.json()) as { people: Person[] }).people : []))
        .then(setPeople)
        .catch(() => {}); // superseded by newer typing, or offline: the field still takes any text
    }, SUGGEST_DELAY_MS);
    pending.current = { timer, abort };
  }

  return (
    <>
      <TextField name="actor" label="Actor" list="audit-actors" defaultValue={defaultValue} error={error} hint="E-mail, or system:scheduler" autoComplete="off" onChange={(e) => suggest(e.target.value)} />
      <datalist id="audit-actors">
        {people.map((p) => (
          <option key={p.email} value={p.email}>
            {p.name}
          </option>
        ))}
        <option value="system:scheduler" />
        <option value="system:reconciler" />
      </datalist>
    </>
  );
}
