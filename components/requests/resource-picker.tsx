'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { controlClass, FormField } from '@/components/ui/form-field';
import { filterResources, type ResourceChoice } from '@/lib/domain/request-choices';

/**
 * The resource choice for many resources: a search box that narrows a native listbox (a <select>
 * with a size). Both are labelled native controls, so keyboards, screen readers and phones need
 * nothing special: type to narrow, ArrowDown to move into the list, arrows to pick. Enter in the
 * search picks the one remaining match instead of submitting the form.
 */
export function ResourcePicker({
  resources,
  value,
  onChange,
  error,
}: {
  resources: readonly ResourceChoice[];
  value: string;
  onChange: (slug: string) => void;
  error?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const countId = useId();
  const listRef = useRef<HTMLSelectElement>(null);
  const matches = filterResources(resources, query);
  // The chosen resource stays listed while the search hides it, so the list never shows a value it lacks.
  const chosen = resources.find((r) => r.slug === value);
  const shown = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  const description = chosen?.description;

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && shown.length > 0) {
      event.preventDefault();
      listRef.current?.focus();
      if (!value) onChange(shown[0]!.slug);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (matches.length === 1) onChange(matches[0]!.slug);
    }
  }

  const showSearch = resources.length > 1;
  return (
    <div className="space-y-2 sm:col-span-2">
      {showSearch ? (
        <div>
          <label htmlFor={searchId} className="block text-sm font-medium text-slate-800">
            Find a resource
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={countId}
            placeholder="Type a name, slug or description"
            className={controlClass}
          />
          <p id={countId} aria-live="polite" className="mt-1 text-xs text-slate-500">
            {query.trim() ? `${matches.length} of ${resources.length} resources match.` : `${resources.length} resources. Type to narrow the list; ArrowDown moves into it.`}
          </p>
        </div>
      ) : null}
      <FormField label="Resource" error={error} hint={description || undefined}>
        {(control) => (
          <select
            {...control}
            ref={listRef}
            name="resource"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            size={Math.min(6, Math.max(2, shown.length))}
            className={`${controlClass} h-auto`}
          >
            {shown.length === 0 ? (
              <option value="" disabled>
                No resource matches “{query.trim()}”
              </option>
            ) : null}
            {shown.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.name} ({r.slug})
              </option>
            ))}
          </select>
        )}
      </FormField>
    </div>
  );
}
