'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { submitRequest } from '@/app/(portal)/requests/actions';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormError } from '@/components/ui/form-error';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { useFormAction } from '@/components/ui/use-form-action';
import { requestFormErrors } from '@/lib/domain/request-form-errors';
import type { CatalogEntry } from '@/lib/services/requests/catalog';
import { justificationRule } from '@/lib/domain/policy';
import { DurationPresets } from './duration-presets';
import { PolicySummary } from './policy-summary';
import { ResourcePicker } from './resource-picker';
import { RoleLimits, roleLimits } from './role-limits';

type Fields = 'resource' | 'role' | 'durationMinutes' | 'justification' | 'ticket' | 'startAt';
const fieldNames: readonly string[] = ['resource', 'role', 'durationMinutes', 'justification', 'ticket', 'startAt'] satisfies Fields[];

/** datetime-local has no zone: read it in the browser's timezone and send an instant. */
function localToIso(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString(); // let the server name a bad value
}

export function RequestForm({ catalog, preselect }: { catalog: CatalogEntry[]; preselect: { resource?: string | undefined; role?: string | undefined } }) {
  const router = useRouter();
  const resources = useMemo(() => [...new Map(catalog.map((e) => [e.resource, { slug: e.resource, name: e.resourceName, description: e.resourceDescription }])).values()], [catalog]);
  const rolesOf = (resource: string) => catalog.filter((e) => e.resource === resource);

  const initialResource = resources.some((r) => r.slug === preselect.resource) ? preselect.resource! : '';
  const initialRoles = rolesOf(initialResource);
  const initialRole = initialRoles.some((e) => e.role === preselect.role) ? preselect.role! : initialRoles.length === 1 ? initialRoles[0]!.role : '';

  const [values, setValues] = useState({ resource: initialResource, role: initialRole, durationMinutes: '', justification: '', ticket: '', startAt: '' });
  const [breakGlass, setBreakGlass] = useState(false);
  // A success leaves the page, so the form only ever shows its errors.
  const submit = useFormAction(submitRequest, { fields: fieldNames, onSuccess: (created) => router.push(`/requests?created=${created.id}`) });
  // What the form finds itself before submitting (every input at once); the server's answer comes after.
  const [checked, setChecked] = useState<Record<string, string>>({});
  const fieldErrors: Partial<Record<Fields, string>> = { ...checked, ...submit.fields };

  const roles = rolesOf(values.resource);
  const entry = catalog.find((e) => e.resource === values.resource && e.role === values.role) ?? null;
  const duration = /^\d+$/.test(values.durationMinutes.trim()) ? Number(values.durationMinutes) : null;
  // Offered only where this person may break glass on the chosen role.
  const breakGlassLimit = entry?.policy.breakGlassUpToMinutes ?? null;
  const breakingGlass = breakGlass && breakGlassLimit !== null;

  const set = (name: Fields) => (event: { target: { value: string } }) => setValue(name, event.target.value);
  const setValue = (name: Fields, value: string) => {
    setValues((v) => {
      if (name !== 'resource') return { ...v, [name]: value };
      const next = rolesOf(value);
      return { ...v, resource: value, role: next.length === 1 ? next[0]!.role : '' };
    });
    submit.clearField(name);
    setChecked((errors) => {
      if (!(name in errors)) return errors;
      const rest = { ...errors };
      delete rest[name];
      return rest;
    });
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { ...values, startAt: breakingGlass ? '' : localToIso(values.startAt) };
    const errors = requestFormErrors(entry?.policy ?? null, input, breakingGlass ? breakGlassLimit : null);
    setChecked(errors);
    if (Object.keys(errors).length > 0) {
      submit.reset();
      return;
    }
    void submit.run({ ...input, breakGlass: breakingGlass });
  }

  if (catalog.length === 0) {
    return (
      <EmptyState>
        There is nothing you are eligible to request yet. Ask a Timebox administrator to add your group to a policy.
      </EmptyState>
    );
  }

  const hasErrors = Object.values(fieldErrors).some(Boolean);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <form onSubmit={onSubmit} noValidate aria-label="Request access" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {submit.formError ? <FormError>{submit.formError}</FormError> : null}
        {hasErrors && !submit.formError ? (
          <p role="alert" className="text-sm text-red-700">
            Some fields need attention; see the messages below them.
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <ResourcePicker resources={resources} value={values.resource} onChange={(slug) => setValue('resource', slug)} error={fieldErrors.resource} />
          <SelectField
            label="Role"
            name="role"
            value={values.role}
            onChange={set('role')}
            options={roles.map((e) => ({ value: e.role, label: `${e.role} — ${roleLimits(e)}` }))}
            placeholder={values.resource ? 'Choose a role' : 'Choose a resource first'}
            disabled={!values.resource}
            error={fieldErrors.role}
            hint={entry?.description || undefined}
          />
          <RoleLimits roles={roles} chosen={values.role} />
        </div>
        <div>
          <TextField
            label="Duration (minutes)"
            name="durationMinutes"
            inputMode="numeric"
            value={values.durationMinutes}
            onChange={set('durationMinutes')}
            error={fieldErrors.durationMinutes}
            hint={entry ? `At most ${breakingGlass ? breakGlassLimit : entry.policy.maxDurationMinutes} minutes${breakingGlass ? ' (break-glass)' : ''}.` : undefined}
          />
          {entry ? <DurationPresets maxMinutes={(breakingGlass ? breakGlassLimit : null) ?? entry.policy.maxDurationMinutes} value={values.durationMinutes} onPick={(m) => setValue('durationMinutes', String(m))} /> : null}
        </div>
        <TextareaField
          label="Justification"
          name="justification"
          value={values.justification}
          onChange={set('justification')}
          error={fieldErrors.justification}
          optional={entry ? !entry.policy.justificationRequired : false}
          hint={breakingGlass ? 'At least 20 characters: what is broken and what you will do. Reviewers read this afterwards.' : justificationHint(entry, values.justification)}
        />
        <TextField
          label="Ticket"
          name="ticket"
          value={values.ticket}
          onChange={set('ticket')}
          error={fieldErrors.ticket}
          optional={entry ? !entry.policy.ticketRequired : true}
          hint={ticketHint(entry)}
        />
        {breakingGlass ? null : (
          <TextField
            label="Start at"
            name="startAt"
            type="datetime-local"
            value={values.startAt}
            onChange={set('startAt')}
            error={fieldErrors.startAt}
            optional
            hint="Leave empty to start as soon as it is approved. Your local time."
          />
        )}
        {breakGlassLimit !== null ? (
          <div className="rounded-md border border-red-200 bg-red-50 p-3">
            <label className="flex items-start gap-2 text-sm font-medium text-red-900">
              <input type="checkbox" name="breakGlass" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} className="mt-0.5" />
              <span>
                Break glass: emergency access now, without approval
                <span className="block text-xs font-normal text-red-800">
                  Granted at once for at most {breakGlassLimit} minutes and cannot be extended. It is recorded in the audit trail and an approver reviews it afterwards.
                </span>
              </span>
            </label>
          </div>
        ) : null}
        <Button type="submit" disabled={submit.pending} aria-busy={submit.pending || undefined}>
          {breakingGlass ? 'Break glass' : 'Request access'}
        </Button>
      </form>
      <PolicySummary entry={entry} duration={duration} />
    </div>
  );
}

const WHY = 'What you will do with the access, so approvers and auditors understand.';

/** The policy's justification rule, shown before submitting, with a running count while it is short. */
function justificationHint(entry: CatalogEntry | null, text: string): string {
  if (!entry?.policy.justificationRequired) return WHY;
  const min = entry.policy.justificationMinLength;
  const length = [...text.trim()].length;
  const progress = min > 1 && length > 0 && length < min ? ` ${length} of ${min} so far.` : '';
  return `${WHY} ${justificationRule(entry.policy)}.${progress}`;
}

/** Requesters see the policy's example (e.g. OPS-123); the raw pattern only when it has none. */
function ticketHint(entry: CatalogEntry | null): string | undefined {
  if (!entry) return undefined;
  if (entry.policy.ticketExample) return `e.g. ${entry.policy.ticketExample}`;
  return entry.policy.ticketPattern ? `Format: ${entry.policy.ticketPattern}` : undefined;
}
