import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { utcTimestamp } from '../metrics/sql-time';

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

/**
 * Inserts the rows with one `INSERT … SELECT FROM unnest(…)`, in order, and returns how many went in.
 * Prisma's createMany built and bound ~10 parameters a row: 500–900 ms for a 200-grant sweep batch under
 * load, inside its transaction. `skipDuplicates`: a row whose dedupeKey exists is left out (as createMany's).
 * Ids and createdAt are set here as Prisma would (its uuid() default is the client's; createdAt is UTC wall time).
 */
export async function insertOutboxRows(tx: Tx, rows: readonly OutboxRow[], skipDuplicates: boolean): Promise<number> {
  if (rows.length === 0) return 0;
  const text = <T>(pick: (row: OutboxRow) => T) => rows.map(pick);
  return tx.$executeRaw`
    INSERT INTO "Notification" ("id", "kind", "channel", "status", "recipientId", "dedupeKey", "requestId", "grantId", "data", "slackChannelEnv", "createdAt")
    SELECT v.id, v.kind, v.channel, v.status, v.recipient, v.dedupe, v.request, v.grant_id, v.data::jsonb, v.slack_env, ${utcTimestamp(new Date())}
      FROM unnest(${text(() => randomUUID())}::text[]::uuid[], ${text((r) => r.kind)}::text[], ${text((r) => r.channel)}::text[], ${text((r) => r.status ?? 'pending')}::text[],
                  ${text((r) => r.recipientId ?? null)}::text[]::uuid[], ${text((r) => r.dedupeKey ?? null)}::text[], ${text((r) => r.requestId)}::text[]::uuid[],
                  ${text((r) => r.grantId)}::text[]::uuid[], ${text((r) => JSON.stringify(r.data))}::text[], ${text((r) => r.slackChannelEnv ?? null)}::text[])
           WITH ORDINALITY AS v(id, kind, channel, status, recipient, dedupe, request, grant_id, data, slack_env, position)
     ORDER BY v.position
    ${skipDuplicates ? Prisma.sql`ON CONFLICT DO NOTHING` : Prisma.empty}`;
}
