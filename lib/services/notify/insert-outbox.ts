import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { unnestInsert, type UnnestColumns } from '@/lib/db/unnest';

/** One outbox row as writeOutbox builds it; the other columns keep their defaults (attempts 0, due at once). */
export interface OutboxRow {
  kind: string;
  channel: string;
  /** Default 'pending'; bell rows are written 'sent'. */
  status?: string;
  recipientId?: string | null;
  dedupeKey?: string;
  requestId: string | null;
  grantId: string | null;
  data: Prisma.InputJsonObject;
  slackChannelEnv?: string | null;
}

/** A row as it goes in: what writeOutbox built, with the id, status and createdAt Prisma's defaults would give. */
type NotificationInsert = OutboxRow & { id: string; status: string; createdAt: Date };

/** The Notification columns insertOutboxRows writes, in SQL types. */
const OUTBOX_COLUMNS: UnnestColumns<NotificationInsert> = {
  id: 'uuid', kind: 'text', channel: 'text', status: 'text', recipientId: 'uuid', dedupeKey: 'text', requestId: 'uuid', grantId: 'uuid',
  data: 'jsonb', slackChannelEnv: 'text', createdAt: 'timestamp(3)',
};

/**
 * Inserts the rows with one `INSERT … SELECT FROM unnest(…)` (lib/db/unnest.ts), in order, and returns how
 * many went in. Prisma's createMany built and bound ~10 parameters a row: 500–900 ms for a 200-grant sweep
 * batch under load, inside its transaction. `skipDuplicates`: a row whose dedupeKey exists is left out (as
 * createMany's). Ids and createdAt are set here as Prisma would (its uuid() default is the client's).
 */
export async function insertOutboxRows(tx: Tx, rows: readonly OutboxRow[], skipDuplicates: boolean): Promise<number> {
  if (rows.length === 0) return 0;
  const createdAt = new Date();
  const complete = rows.map((row): NotificationInsert => ({ ...row, id: randomUUID(), status: row.status ?? 'pending', createdAt }));
  return tx.$executeRaw(unnestInsert('Notification', complete, OUTBOX_COLUMNS, { skipDuplicates }));
}
