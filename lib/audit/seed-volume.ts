import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { GENESIS_HASH, chainHashOf, chainText } from './canonical';
import { insertMac, sealMac } from './mac';
import { lockSealer, readChainHead, type ChainHead } from './seal';
import { auditSigningKey } from './signing-key';
import { generateEvents, type GeneratedEvent, type SeedActor, type SeedEntitlement } from './seed-volume-events';

// Writes n realistic events already chained, fast: one multi-row INSERT per batch (the rows as one
// JSON parameter, json_populate_recordset), the chain computed here in JS. Each batch continues the existing chain under the
// sealer's lock, so it can run beside a live portal and its sealer.
//
// The history is made up, and says so: each event is signed with the audit key (both MACs) and carries
// `synthetic: true` in its data. Its times lie in the past, which the database's time trigger would
// overwrite: the seeder skips that trigger with session_replication_role = replica, so it needs a
// superuser (the embedded database; `postgres` on a development server).

export const SEED_BATCH_SIZE = 5000;

export interface SeedVolumeOptions {
  events: number;
  /** How far back the history reaches, ending now. */
  days?: number;
  batchSize?: number;
  seed?: number;
  now?: Date;
  onBatch?: (written: number) => void;
}

export interface SeedVolumeResult {
  inserted: number;
  seconds: number;
  rowsPerSecond: number;
  head: ChainHead | null;
}

async function loadCast(db: Db): Promise<{ actors: SeedActor[]; entitlements: SeedEntitlement[] }> {
  const users = await db.user.findMany({ where: { disabledAt: null }, orderBy: { email: 'asc' }, take: 500, select: { id: true, email: true } });
  const rows = await db.entitlement.findMany({
    where: { archivedAt: null, resource: { archivedAt: null } },
    orderBy: [{ resource: { createdAt: 'asc' } }, { role: 'asc' }],
    select: { id: true, role: true, resource: { select: { id: true, slug: true, kind: true } } },
  });
  // The busiest entitlement should be a real target if there is one (prod databases get the traffic).
  const byKind = (kind: string) => (kind === 'postgres' ? 0 : kind === 'ssh' ? 1 : kind === 'mysql' ? 2 : 3);
  rows.sort((a, b) => byKind(a.resource.kind) - byKind(b.resource.kind));
  return {
    actors: users,
    entitlements: rows.map((e) => ({ resourceId: e.resource.id, entitlementId: e.id, slug: e.resource.slug, role: e.role, kind: e.resource.kind })),
  };
}

async function reserveSeqs(db: Tx, n: number): Promise<bigint[]> {
  const rows = await db.$queryRaw<{ s: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'seq')) AS s FROM generate_series(1, ${n}::int)`;
  return rows.map((r) => BigInt(r.s));
}

interface PreparedBatch {
  events: Array<GeneratedEvent & { seq: bigint }>;
  /** The rows as one JSON text, linked after `expectedHead` outside the lock while the previous batch is written. */
  json: string;
  last: ChainHead;
  expectedHead: ChainHead | null;
}

const sameHead = (a: ChainHead | null, b: ChainHead | null) => (a === null ? b === null : b !== null && a.chainIndex === b.chainIndex && a.hash === b.hash);

/** Links the events after `head` and serialises them as the rows json_populate_recordset reads. */
function linkRows(head: ChainHead | null, events: Array<GeneratedEvent & { seq: bigint }>, key: string): { json: string; last: ChainHead } {
  let index = head?.chainIndex ?? 0n;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    index += 1n;
    const text = chainText(index, prevHash, e);
    const hash = chainHashOf(text);
    rows[i] = {
      id: e.id, seq: e.seq.toString(), occurredAt: e.occurredAt.toISOString(), actorId: e.actorId, actorLabel: e.actorLabel, action: e.action,
      resourceId: e.resourceId, entitlementId: e.entitlementId, requestId: e.requestId, grantId: e.grantId, tokenId: e.tokenId,
      statusFrom: e.statusFrom, statusTo: e.statusTo, ip: e.ip, userAgent: e.userAgent, data: e.data, mac: insertMac(key, e),
      chainIndex: index.toString(), prevHash, hash, sealMac: sealMac(key, text),
    };
    prevHash = hash;
  }
  return { json: JSON.stringify(rows), last: { chainIndex: index, hash: prevHash } };
}

/** Seqs are taken up front (no lock needed for that) and the chain computed on the expected head. */
async function prepareBatch(db: Db, events: GeneratedEvent[], expectedHead: ChainHead | null, key: string): Promise<PreparedBatch> {
  const seqs = await reserveSeqs(db, events.length);
  const withSeqs = events.map((e, i) => Object.assign(e, { seq: seqs[i]!, data: Object.assign(e.data, { synthetic: true }) }));
  return { events: withSeqs, ...linkRows(expectedHead, withSeqs, key), expectedHead };
}

const COLUMNS = Prisma.raw(
  `"id", "seq", "occurredAt", "actorId", "actorLabel", "action", "resourceId", "entitlementId", "requestId", "grantId", "tokenId", "statusFrom", "statusTo", "ip", "userAgent", "data", "mac", "chainIndex", "prevHash", "hash", "sealMac"`,
);

async function writeBatch(tx: Tx, batch: PreparedBatch, key: string): Promise<ChainHead> {
  await lockSealer(tx, true);
  // Past times: skip the trigger that stamps the database's clock (superuser only; see the top).
  await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
  const head = await readChainHead(tx);
  // Someone sealed in between (a live portal's sealer): link again from the real head.
  const { json, last } = sameHead(head, batch.expectedHead) ? batch : linkRows(head, batch.events, key);
  // One JSON parameter for the whole batch: cheaper on both sides than 19 arrays of 5,000 elements.
  await tx.$executeRaw`INSERT INTO "AuditEvent" (${COLUMNS}) SELECT ${COLUMNS} FROM json_populate_recordset(NULL::"AuditEvent", ${json}::json)`;
  return last;
}

/** Seeds `events` chained events spread over the last `days` days, oldest first. */
export async function seedAuditVolume(db: Db, options: SeedVolumeOptions): Promise<SeedVolumeResult> {
  const { actors, entitlements } = await loadCast(db);
  const key = auditSigningKey();
  const now = options.now ?? new Date();
  const start = new Date(now.getTime() - (options.days ?? 180) * 86_400_000);
  const batchSize = options.batchSize ?? SEED_BATCH_SIZE;
  const generator = generateEvents({ count: options.events, start, end: now, actors, entitlements, seed: options.seed });

  const began = performance.now();
  let inserted = 0;
  let head: ChainHead | null = null;
  // One batch in the database at a time (the chain is sequential), while the next one is generated
  // and linked on the head the current one will leave.
  let expected = await readChainHead(db);
  let inflight: Promise<void> | null = null;
  const flush = async (events: GeneratedEvent[]) => {
    const prepared = await prepareBatch(db, events, expected, key);
    const promised = prepared.last;
    expected = promised;
    if (inflight) await inflight;
    const write = db.$transaction((tx) => writeBatch(tx, prepared, key), { timeout: 120_000, maxWait: 60_000 }).then((written) => {
      head = written;
      // Relinked in the transaction (someone sealed in between): later batches build on what was written.
      if (!sameHead(written, promised) && sameHead(expected, promised)) expected = written;
      inserted += events.length;
      options.onBatch?.(inserted);
    });
    write.catch(() => {}); // handled when awaited below; this only keeps Node from calling it unhandled meanwhile
    inflight = write;
  };
  let batch: GeneratedEvent[] = [];
  for (const event of generator) {
    batch.push(event);
    // Let the in-flight batch's queries proceed between slices of generation.
    if (batch.length % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (batch.length >= batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
  if (inflight) await inflight;
  const seconds = (performance.now() - began) / 1000;
  // Fresh statistics: right after a bulk load the planner picks slow plans for filtered reads (a filtered
  // export took 67 s at 200k rows before ANALYZE, 17 s after).
  if (inserted > 0) await db.$executeRaw`ANALYZE "AuditEvent"`;
  return { inserted, seconds, rowsPerSecond: seconds > 0 ? Math.round(inserted / seconds) : inserted, head };
}
