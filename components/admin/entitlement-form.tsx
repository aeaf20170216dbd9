'use client';

import { useRouter } from 'next/navigation';
import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminEntitlementView } from '@/lib/services/admin/admin-views';
import { TextAreaField } from './form-fields';
import { FormStatus } from './form-status';
import { SettingsField } from './settings-field';
import { useAdminAction } from './use-admin-action';

type Action = (input: Record<string, string>) => Promise<ActionResult<AdminEntitlementView>>;

/** A role's description and connector settings (its name is fixed once created). */
export function EntitlementForm({ action, entitlement }: { action: Action; entitlement: AdminEntitlementView }) {
  const router = useRouter();
  const { state, run } = useAdminAction(action, ['description', 'settings']);
  const idPrefix = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await run({ entitlementId: entitlement.id, description: String(form.get('description') ?? ''), settings: String(form.get('settings') ?? '') });
    if (saved) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Role details" className="space-y-4">
      <FormStatus state={state} />
      <TextAreaField id={`${idPrefix}-description`} name="description" label="Description" rows={2} defaultValue={entitlement.description} error={state.fields.description} />
      <SettingsField id={`${idPrefix}-settings`} defaultValue={entitlement.settings} error={state.fields.settings} />
      <Button type="submit" disabled={state.pending}>
        {state.pending ? 'Saving…' : 'Save role'}
      </Button>
    </form>
  );
}
