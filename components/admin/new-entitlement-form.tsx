'use client';

import { useRouter } from 'next/navigation';
import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminEntitlementView } from '@/lib/services/admin/admin-views';
import type { GroupSummary } from '@/lib/services/admin/list-groups';
import { TextAreaField, TextField } from './form-fields';
import { FormStatus } from './form-status';
import { PolicyFields } from './policy-fields';
import { errorsUnder, policyFieldNames, policyFromForm } from './policy-form-data';
import { SettingsField } from './settings-field';

type Action = (input: Record<string, unknown>) => Promise<ActionResult<{ entitlement: AdminEntitlementView; warnings: string[] }>>;

const fieldNames = ['role', 'description', 'settings', ...policyFieldNames.map((n) => `policy.${n}`)];

/** "Add role": the role and its policy together, since a role without a policy can never be requested. */
export function NewEntitlementForm({ action, resourceId, groups }: { action: Action; resourceId: string; groups: GroupSummary[] }) {
  const router = useRouter();
  const create = useFormAction(action, { fields: fieldNames });
  const idPrefix = useId();
  const id = (name: string) => `${idPrefix}-${name}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const created = await create.run({ resourceId, role: text('role'), description: text('description'), settings: text('settings'), policy: policyFromForm(form) });
    if (created) router.push(`/admin/entitlements/${created.entitlement.id}?created=1`);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New role" className="space-y-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <FormStatus form={create} saved="Role created. Opening it…" />
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Role</legend>
        <TextField id={id('role')} name="role" label="Role name" autoComplete="off" spellCheck={false} hint="Lowercase letters, digits, dashes and underscores, e.g. read-only. Fixed once created." error={create.fields.role} />
        <TextAreaField id={id('description')} name="description" label="Description" rows={2} hint="Shown to requesters: what this role lets them do." error={create.fields.description} />
        <SettingsField id={id('settings')} defaultValue={{}} error={create.fields.settings} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Policy</legend>
        <PolicyFields idPrefix={id('policy')} policy={null} errors={errorsUnder('policy', create.fields)} groups={groups} />
      </fieldset>
      <Button type="submit" disabled={create.pending}>
        {create.pending ? 'Saving…' : 'Create role'}
      </Button>
    </form>
  );
}
