import { ScimError } from './scim-error';

// The filters IdPs send to find a resource before they create it: `userName eq "…"`,
// `externalId eq "…"`, `displayName eq "…"`. Anything else is refused as invalidFilter rather
// than answered wrongly (an empty list would make the IdP create a duplicate).
export interface EqFilter {
  attribute: string;
  value: string;
}

const EQ = /^\s*([A-Za-z][\w.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

export function parseEqFilter(filter: string | null, allowed: readonly string[]): EqFilter | null {
  if (filter === null || filter.trim() === '') return null;
  const match = EQ.exec(filter);
  if (!match) throw new ScimError(400, 'Only filters of the form `attribute eq "value"` are supported.', 'invalidFilter');
  const attribute = allowed.find((a) => a.toLowerCase() === match[1]!.toLowerCase());
  if (!attribute) throw new ScimError(400, `Filtering on ${match[1]} is not supported; use ${allowed.join(', ')}.`, 'invalidFilter');
  return { attribute, value: match[2]!.replace(/\\(.)/g, '$1') };
}

/** RFC 7644 §3.4.2.4: startIndex is 1-based (values below 1 mean 1); count is capped. */
export function parsePaging(params: URLSearchParams, maxCount = 200): { skip: number; take: number; startIndex: number } {
  const startRaw = Number.parseInt(params.get('startIndex') ?? '1', 10);
  const countRaw = Number.parseInt(params.get('count') ?? '100', 10);
  const startIndex = Number.isFinite(startRaw) && startRaw >= 1 ? startRaw : 1;
  const take = Number.isFinite(countRaw) ? Math.min(Math.max(countRaw, 0), maxCount) : 100;
  return { skip: startIndex - 1, take, startIndex };
}
