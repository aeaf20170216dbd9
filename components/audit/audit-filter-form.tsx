import { AppLink } from '@/components/ui/app-link';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { auditActionPrefixes, auditActions, describeAuditAction } from '@/lib/domain/audit-actions';
import type { AuditFilterOptions } from '@/lib/services/metrics/filter-options';
import { ActorField } from './actor-field';
import { toDateTimeLocal, type RawFilters } from './audit-query';
import { CleanGetForm } from './clean-get-form';

// The suggestions are the closed list of actions Timebox writes, families first; the field also takes any prefix ("grant.").
const ACTION_SUGGESTIONS = [...auditActionPrefixes, ...auditActions];

/** A date picker cannot show text it could not parse: the error quotes what the URL said. */
const timeError = (error: string | undefined, value: string | undefined) => (error && value ? `“${value}”: ${error}` : error);

/**
 * The filters as a GET form: submitting puts them in the URL (only the ones filled in), so the view
 * can be bookmarked or shared, and it works without JavaScript. Times are UTC, as the table shows them.
 */
export function AuditFilterForm({ raw, errors, options, limit }: { raw: RawFilters; errors: Record<string, string>; options: AuditFilterOptions; limit?: number | undefined }) {
  return (
    <CleanGetForm action="/audit" aria-labelledby="filters-heading" className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="filters-heading" className="mb-3 text-base font-semibold">
        Filters
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField type="datetime-local" name="from" label="From (UTC)" defaultValue={toDateTimeLocal(raw.from, 'from')} error={timeError(errors.from, raw.from)} step={1} />
        <TextField type="datetime-local" name="to" label="To (UTC)" defaultValue={toDateTimeLocal(raw.to, 'to')} error={timeError(errors.to, raw.to)} step={1} />
        <ActorField defaultValue={raw.actor ?? ''} error={errors.actor} />
        <TextField name="action" label="Action" list="audit-actions" defaultValue={raw.action ?? ''} error={errors.action} hint="grant.revoked, or a prefix: grant." autoComplete="off" />
        <SelectField
          name="resource"
          label="Resource"
          placeholder="Any resource"
          defaultValue={raw.resource ?? ''}
          error={errors.resource}
          options={[
            ...options.resources.map((r) => ({ value: r.slug, label: `${r.name} (${r.slug})${r.archived ? ' — archived' : ''}` })),
            // A resource named in the URL that no longer exists stays selectable, so the form shows what the view filters by.
            ...(raw.resource && !options.resources.some((r) => r.slug === raw.resource) ? [{ value: raw.resource, label: raw.resource }] : []),
          ]}
        />
        <TextField name="requestId" label="Request id" defaultValue={raw.requestId ?? ''} error={errors.requestId} autoComplete="off" spellCheck={false} />
        <TextField name="grantId" label="Grant id" defaultValue={raw.grantId ?? ''} error={errors.grantId} autoComplete="off" spellCheck={false} />
        <TextField name="q" label="Justification or ticket" type="search" defaultValue={raw.q ?? ''} error={errors.q} hint="Text anywhere in either" />
      </div>
      {limit ? <input type="hidden" name="limit" value={limit} /> : null}
      <datalist id="audit-actions">
        {ACTION_SUGGESTIONS.map((a) => (
          <option key={a} value={a}>
            {describeAuditAction(a)}
          </option>
        ))}
      </datalist>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
          Apply filters
        </button>
        <AppLink href="/audit" className="text-sm font-medium text-brand-700 underline">
          Clear filters
        </AppLink>
      </div>
    </CleanGetForm>
  );
}
