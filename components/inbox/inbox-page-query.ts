import { z } from 'zod';

// Which page of the inbox a URL asks for (`/inbox?after=…&limit=…`): the page and the route its list
// polls read it with the same schema, so both show the same page.

export const INBOX_PAGE_SIZE = 50;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const inboxPageQuery = z.object({
  after: z.preprocess((v) => blank(first(v)), z.string().max(100).optional()),
  limit: z.preprocess((v) => blank(first(v)), z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional()),
});

export type InboxPageQuery = z.output<typeof inboxPageQuery>;

/** `/inbox` with the page's parameters (only those set). */
export function inboxHref(page: InboxPageQuery): string {
  const params = new URLSearchParams();
  if (page.after) params.set('after', page.after);
  if (page.limit) params.set('limit', String(page.limit));
  const query = params.toString();
  return query ? `/inbox?${query}` : '/inbox';
}
