'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createToken } from '@/app/(portal)/settings/tokens/actions';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/form-field';
import { FormError } from '@/components/ui/form-error';
import { TextField } from '@/components/ui/text-field';
import { useFormAction } from '@/components/ui/use-form-action';
import { NewTokenSecret } from './new-token-secret';

interface ScopeOption {
  name: string;
  description: string;
}

/** Name, scopes and lifetime of a new token; on success the secret is shown once, above the form. */
export function CreateTokenForm({ scopes, defaultScopes }: { scopes: ScopeOption[]; defaultScopes: string[] }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>(defaultScopes);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const create = useFormAction(createToken, {
    fields: ['name', 'scopes', 'expiresInDays'],
    onSuccess: () => {
      setName('');
      setChosen(defaultScopes);
      setExpiresInDays('90');
      router.refresh();
    },
  });
  const created = create.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void create.run({ name, scopes: chosen, expiresInDays });
  }

  const toggle = (scope: string, on: boolean) => setChosen((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const scopesErrorId = 'token-scopes-error';

  return (
    <div className="space-y-4">
      <div aria-live="polite">{created ? <NewTokenSecret name={created.token.name} secret={created.secret} onDone={create.reset} /> : null}</div>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create a token">
        {create.formError ? <FormError>{create.formError}</FormError> : null}
        <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={create.fields.name} hint="What uses it, e.g. “deploy pipeline”." maxLength={100} required />
        <fieldset aria-describedby={create.fields.scopes ? scopesErrorId : undefined}>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <ul className="mt-2 space-y-2">
            {scopes.map((scope) => (
              <li key={scope.name} className="flex items-start gap-2">
                <input
                  id={`scope-${scope.name}`}
                  type="checkbox"
                  name="scopes"
                  value={scope.name}
                  checked={chosen.includes(scope.name)}
                  onChange={(e) => toggle(scope.name, e.target.checked)}
                  aria-describedby={`scope-${scope.name}-description`}
                  className="mt-1 h-4 w-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
                />
                <span className="text-sm">
                  <label htmlFor={`scope-${scope.name}`} className="font-medium">
                    {scope.name}
                  </label>
                  <span id={`scope-${scope.name}-description`} className="block text-slate-600">
                    {scope.description}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          {create.fields.scopes ? <FieldError id={scopesErrorId}>{create.fields.scopes}</FieldError> : null}
        </fieldset>
        <TextField
          label="Expires after (days)"
          name="expiresInDays"
          inputMode="numeric"
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
          error={create.fields.expiresInDays}
          hint="1 to 366. Leave empty for a token that never expires."
          optional
        />
        <Button type="submit" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
    </div>
  );
}
