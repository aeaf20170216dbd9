'use client';

import { useRouter } from 'next/navigation';
import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminEntitlementView, PolicyView } from '@/lib/services/admin/admin-views';
import type { GroupSummary } from '@/lib/services/admin/list-groups';
import { FormStatus } from './form-status';
import { PolicyFields } from './policy-fields';
import { policyFieldNames, policyFromForm } from './policy-form-data';

type Action = (input: Record<string, unknown>) => Promise<ActionResult<{ entitlement: AdminEntitlementView; warnings: string[] }>>;

/** The whole policy of one role; saving replaces it and applies to requests made from now on. */
export function PolicyForm({ action, entitlementId, policy, groups }: { action: Action; entitlementId: string; policy: PolicyView | null; groups: GroupSummary[] }) {
  const router = useRouter();
  const save = useFormAction(action, { fields: policyFieldNames });
  const idPrefix = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await save.run({ entitlementId, ...policyFromForm(new FormData(event.currentTarget)) });
    if (saved) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Policy" className="space-y-4">
      {/* The page lists the policy's current warnings itself, refreshed after saving. */}
      <FormStatus form={save} saved="Policy saved. It applies to requests made from now on." showWarnings={false} />
      <PolicyFields idPrefix={idPrefix} policy={policy} errors={save.fields} groups={groups} />
      <Button type="submit" disabled={save.pending}>
        {save.pending ? 'Saving…' : 'Save policy'}
      </Button>
    </form>
  );
}
