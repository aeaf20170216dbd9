'use client';

import { useRouter } from 'next/navigation';
import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminEntitlementView } from '@/lib/services/admin/admin-views';
import { TextAreaField } from './form-fields';
import { FormStatus } from './form-status';
import { SettingsField } from './settings-field';

type Action = (input: Record<string, string>) => Promise<ActionResult<AdminEntitlementView>>;

/** A role's description and connector settings (its name is fixed once created). */
export function EntitlementForm({ action, entitlement }: { action: Action; entitlement: AdminEntitlementView }) {
  const router = useRouter();
  const save = useFormAction(action, { fields: ['description', 'settings'] });
  const idPrefix = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await save.run({ entitlementId: entitlement.id, description: String(form.get('description') ?? ''), settings: String(form.get('settings') ?? '') });
    if (saved) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Role details" className="space-y-4">
      <FormStatus form={save} />
      <TextAreaField id={`${idPrefix}-description`} name="description" label="Description" rows={2} defaultValue={entitlement.description} error={save.fields.description} />
      <SettingsField id={`${idPrefix}-settings`} defaultValue={entitlement.settings} error={save.fields.settings} />
      <Button type="submit" disabled={save.pending}>
        {save.pending ? 'Saving…' : 'Save role'}
      </Button>
    </form>
  );
}
