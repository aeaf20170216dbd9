'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useFormAction } from '@/components/ui/use-form-action';
import { resourceKinds } from '@/lib/domain/admin-input';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminResourceView } from '@/lib/services/admin/admin-views';
import { SelectField, TextAreaField, TextField } from './form-fields';
import { FormStatus } from './form-status';
import { SettingsField } from './settings-field';

type Action = (input: Record<string, string>) => Promise<ActionResult<AdminResourceView>>;
type Kind = (typeof resourceKinds)[number];

const kindLabels: Record<Kind, string> = {
  portal: 'Portal (other systems check access through the API)',
  postgres: 'PostgreSQL database',
  mysql: 'MySQL / MariaDB database',
  ssh: 'SSH hosts (user certificates)',
  webhook: 'Webhook (signed calls to your system)',
};

const fieldNames = ['slug', 'name', 'description', 'kind', 'settings'];

/** Creates a resource, or edits one (its slug and kind are fixed once created). */
/** `examples`: settings that fit each kind (from the connectors), shown under the settings field. */
export function ResourceForm({ action, resource, examples }: { action: Action; resource?: AdminResourceView; examples: Record<Kind, Record<string, unknown>> }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>((resource?.kind as Kind | undefined) ?? 'portal');
  const save = useFormAction(action, { fields: fieldNames });
  const idPrefix = useId();
  const id = (name: string) => `${idPrefix}-${name}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const common = { name: text('name'), description: text('description'), settings: text('settings') };
    if (resource) {
      if (await save.run({ resourceId: resource.id, ...common })) router.refresh();
      return;
    }
    const created = await save.run({ slug: text('slug'), kind: text('kind'), ...common });
    if (created) router.push(`/admin/resources/${created.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={resource ? 'Resource details' : 'New resource'} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <FormStatus form={save} saved={resource ? 'Saved.' : 'Created. Opening the resource…'} />
      {resource ? (
        <p className="text-sm text-slate-600">
          Slug <code className="font-semibold">{resource.slug}</code> · kind {resource.kind} (fixed once created: API clients and grants refer to them)
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id={id('slug')} name="slug" label="Slug" autoComplete="off" spellCheck={false} hint="Lowercase letters, digits and dashes, e.g. prod-db. Fixed once created." error={save.fields.slug} />
          <SelectField id={id('kind')} name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} error={save.fields.kind}>
            {resourceKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <TextField id={id('name')} name="name" label="Name" defaultValue={resource?.name} error={save.fields.name} />
      <TextAreaField id={id('description')} name="description" label="Description" rows={2} defaultValue={resource?.description} error={save.fields.description} />
      <SettingsField id={id('settings')} defaultValue={resource?.settings ?? {}} error={save.fields.settings} example={examples[kind] ?? {}} kindLabel={kindLabels[kind] ?? kind} />
      <Button type="submit" disabled={save.pending}>
        {save.pending ? 'Saving…' : resource ? 'Save resource' : 'Create resource'}
      </Button>
    </form>
  );
}
