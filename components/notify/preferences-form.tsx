'use client';

import { useState, type FormEvent } from 'react';
import { saveNotificationPreferences } from '@/app/(portal)/settings/notifications/actions';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/form-field';
import { FormError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { KindPreferenceView } from '@/lib/services/notify/preferences';

type Choice = Pick<KindPreferenceView, 'email' | 'inapp'>;

/**
 * One group per kind with two switches, e-mail and bell. The server decides what may be switched off
 * (a kind the reader must act on keeps one channel); its refusal is shown on every kind it names.
 */
export function PreferencesForm({ kinds, emailConfigured }: { kinds: KindPreferenceView[]; emailConfigured: boolean }) {
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(kinds.map((k) => [k.kind, { email: k.email, inapp: k.inapp }])));
  const save = useFormAction(saveNotificationPreferences, { fields: kinds.map((k) => k.kind) });

  const refused = kinds.filter((k) => save.fields[k.kind]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save.run({ preferences: kinds.map((k) => ({ kind: k.kind, ...choices[k.kind]! })) });
  }
  const set = (kind: string, channel: keyof Choice, on: boolean) => {
    save.clearField(kind);
    setChoices((c) => ({ ...c, [kind]: { ...c[kind]!, [channel]: on } }));
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError title="Not saved">{save.formError}</FormError>
      <FormError title="Not saved">{refused.length > 0 ? `Keep at least one channel for: ${refused.map((k) => k.label).join(', ')}.` : null}</FormError>
      <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        {kinds.map((k) => {
          const error = save.fields[k.kind];
          const errorId = `pref-${k.kind}-error`;
          return (
            <li key={k.kind} className="p-4">
              <fieldset aria-describedby={error ? errorId : undefined} className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                <legend className="float-left sm:max-w-md">
                  <span className="block font-medium">{k.label}</span>
                  <span className="block text-sm text-slate-600">
                    {k.description}
                    {k.mandatory ? ' You are asked to act on these: keep e-mail or the bell on.' : ''}
                  </span>
                </legend>
                <div className="clear-left flex gap-6 sm:clear-none">
                  {(['email', 'inapp'] as const).map((channel) => (
                    <label key={channel} className="flex items-center gap-2 text-sm font-medium text-slate-800">
                      <input
                        type="checkbox"
                        name={`${k.kind}.${channel}`}
                        checked={choices[k.kind]![channel]}
                        onChange={(e) => set(k.kind, channel, e.target.checked)}
                        className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                      />
                      {channel === 'email' ? 'E-mail' : 'Bell'}
                    </label>
                  ))}
                </div>
              </fieldset>
              {error ? <FieldError id={errorId}>{error}</FieldError> : null}
            </li>
          );
        })}
      </ul>
      {emailConfigured ? null : <p className="text-sm text-slate-600">This Timebox sends no e-mail (no SMTP server is configured): only the bell reaches you for now.</p>}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save'}
        </Button>
        {save.data ? (
          <p role="status" className="text-sm text-green-800">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
