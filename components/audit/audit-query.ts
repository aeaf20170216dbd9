import { z } from 'zod';
import { auditFilterShape, checkTimeRange, type AuditFilters } from '@/lib/audit/filters';
import { fieldErrorsOf } from '@/lib/field-errors';

// The dashboard's state lives in the URL (a view can be shared or bookmarked): these helpers read the
// filters, the cursor and the page size from a page's search params, and write them back into links.
// The filters are parsed by the audit trail's own schema, so the page, the API and the export agree.

export const FILTER_KEYS = ['from', 'to', 'actor', 'action', 'resource', 'requestId', 'grantId', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** The filters as the URL holds them (text), for links and for the form's values. */
export type RawFilters = Partial<Record<FilterKey, string>>;
export type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// Not strict: a shared URL may carry keys this page does not use; they are ignored, not an error.
const pageQuery = z.object({
  ...auditFilterShape,
  cursor: z.preprocess(blank, z.string().max(100).optional()),
  limit: z.preprocess(blank, z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional()),
}).superRefine(checkTimeRange);

export type AuditQuery =
  | { ok: true; raw: RawFilters; filters: AuditFilters; cursor: string | undefined; limit: number | undefined }
  | { ok: false; raw: RawFilters; errors: Record<string, string> };

export function readAuditQuery(searchParams: SearchParams): AuditQuery {
  const raw: RawFilters = {};
  for (const key of FILTER_KEYS) {
    const value = first(searchParams[key])?.trim();
    if (value) raw[key] = value;
  }
  const parsed = pageQuery.safeParse({ ...raw, cursor: first(searchParams.cursor), limit: first(searchParams.limit) });
  if (!parsed.success) return { ok: false, raw, errors: fieldErrorsOf(parsed.error) };
  const { cursor, limit, ...filters } = parsed.data;
  return { ok: true, raw, filters, cursor, limit };
}

/** `a=1&b=2` for the non-empty filters plus `extra` (cursor, limit, format), in a stable order. */
export function filterQuery(raw: RawFilters, extra: Record<string, string | number | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (raw[key]) params.set(key, raw[key]);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

export const auditHref = (raw: RawFilters, extra: Record<string, string | number | null | undefined> = {}) => {
  const query = filterQuery(raw, extra);
  return query ? `/audit?${query}` : '/audit';
};

/**
 * A time bound from the URL as a datetime-local value (`2026-11-17T14:00`), read as UTC like the
 * filter reads it. A bare day means its whole day: midnight for `from`, the last second for `to`.
 */
export function toDateTimeLocal(value: string | undefined, edge: 'from' | 'to'): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${edge === 'from' ? '00:00' : '23:59:59'}`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) return '';
  const iso = new Date(ms).toISOString();
  return iso.slice(17, 19) === '00' ? iso.slice(0, 16) : iso.slice(0, 19);
}
