import { AppError } from '@/lib/errors';

// Keyset paging of the approver's queue (oldest first): a page continues behind the last request the
// previous one showed, by (createdAt, id), never by OFFSET — a request decided meanwhile never shifts a
// later page, and page 40 costs what page 1 costs. createdAt is stored to the millisecond, so the
// cursor holds it exactly.

export interface InboxCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: base64url of `<epoch ms>.<id>`. */
export const encodeInboxCursor = (row: InboxCursor): string => Buffer.from(`${row.createdAt.getTime()}.${row.id}`, 'utf8').toString('base64url');

export function decodeInboxCursor(cursor: string): InboxCursor {
  const text = /^[A-Za-z0-9_-]{1,80}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(text);
  if (!match) throw new AppError('bad_request', 'after: not a page link this server gave out.', { field: 'after' });
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
