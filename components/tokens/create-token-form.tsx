'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createToken } from '@/app/(portal)/settings/tokens/actions';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/form-field';
import { FormError } from '@/components/ui/form-error';
import { TextField } from '@/components/ui/text-field';
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
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  const mutation = useMutation({
    mutationFn: () => createToken({ name, scopes: chosen, expiresInDays }),
    onSuccess: (result) => {
      if (!result.ok) {
        const fields = result.error.fields ?? {};
        setFieldErrors(fields);
        setFormError(Object.keys(fields).some((f) => ['name', 'scopes', 'expiresInDays'].includes(f)) ? null : result.error.message);
        return;
      }
      setCreated({ name: result.data.token.name, secret: result.data.secret });
      setName('');
      setChosen(defaultScopes);
      setExpiresInDays('90');
      router.refresh();
    },
    onError: () => setFormError('Could not create the token. Check your connection and try again.'),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    setCreated(null);
    mutation.mutate();
  }

  const toggle = (scope: string, on: boolean) => setChosen((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const scopesErrorId = 'token-scopes-error';

  return (
    <div className="space-y-4">
      <div aria-live="polite">{created ? <NewTokenSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} /> : null}</div>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create a token">
        {formError ? <FormError>{formError}</FormError> : null}
        <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} hint="What uses it, e.g. “deploy pipeline”." maxLength={100} required />
        <fieldset aria-describedby={fieldErrors.scopes ? scopesErrorId : undefined}>
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
          {fieldErrors.scopes ? <FieldError id={scopesErrorId}>{fieldErrors.scopes}</FieldError> : null}
        </fieldset>
        <TextField
          label="Expires after (days)"
          name="expiresInDays"
          inputMode="numeric"
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
          error={fieldErrors.expiresInDays}
          hint="1 to 366. Leave empty for a token that never expires."
          optional
        />
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
    </div>
  );
}
