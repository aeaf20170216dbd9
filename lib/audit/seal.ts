import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { unnestRows } from '@/lib/db/unnest';
import { log } from '@/lib/log';
import { GENESIS_HASH, chainHashOf, chainText, type CanonicalEventFields } from './canonical';
import { insertMac, macMatches, sealMac } from './mac';
import { auditSigningKey } from './signing-key';

// Chaining by sealing: requests insert their events unchained (no lock on the request path), and
// one sealer at a time — across every app instance — links the committed ones in the background.
// The chain follows chainIndex (sealing order), not seq: an event whose transaction took a seq early
// but committed late is simply sealed in a later batch, so no committed event is ever skipped.

/** pg_advisory_xact_lock key held while sealing (and while the volume seeder appends sealed events). */
export const SEALER_LOCK_KEY = 0x7462_785f_6175_6469n; // "tbx_audi"

export const SEAL_BATCH_SIZE = 1000;

export interface ChainHead {
  chainIndex: bigint;
  hash: string;
}

export interface SealResult {
  sealed: number;
  /**
   * Events sealed without a valid insert MAC: written behind the application's back (a raw INSERT) or
   * changed before sealing. They are sealed all the same — into the chain, where they can no longer be
   * quietly removed — and verify names each one ('mac-missing' / 'mac-mismatch').
   */
  unsigned: Array<{ id: string; chainIndex: bigint }>;
  /** The chain's last link after this run (null when there was nothing to seal). */
  head: ChainHead | null;
  /** true when another sealer held the lock and `wait` was false: nothing was done. */
  busy?: boolean;
}

export const canonicalSelect = {
  id: true,
  seq: true,
  occurredAt: true,
  actorId: true,
  actorLabel: true,
  action: true,
  resourceId: true,
  entitlementId: true,
  requestId: true,
  grantId: true,
  tokenId: true,
  statusFrom: true,
  statusTo: true,
  ip: true,
  userAgent: true,
  data: true,
} as const;

/** canonicalSelect's columns for raw reads (the sealer and the verifier read every event once). */
export const CANONICAL_COLUMNS = Prisma.raw(
  `"id", "seq", "occurredAt", "actorId", "actorLabel", "action", "resourceId", "entitlementId", "requestId", "grantId", "tokenId", "statusFrom", "statusTo", "ip", "userAgent", "data"`,
);

/** Takes the sealer lock for the rest of the transaction; false if `wait` is off and someone holds it. */
export async function lockSealer(tx: Tx, wait: boolean): Promise<boolean> {
  if (wait) {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${SEALER_LOCK_KEY})::text AS locked`;
    return true;
  }
  const rows = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) AS locked`;
  return rows[0]?.locked === true;
}

/** The last sealed event. Call it holding the sealer lock, or the answer may already be stale. */
export async function readChainHead(tx: Tx): Promise<ChainHead | null> {
  const last = await tx.auditEvent.findFirst({ where: { chainIndex: { not: null } }, orderBy: { chainIndex: 'desc' }, select: { chainIndex: true, hash: true } });
  return last?.chainIndex != null && last.hash ? { chainIndex: last.chainIndex, hash: last.hash } : null;
}

/** Links events after `head`, in order: their chainIndex, prevHash, hash and the sealer's MAC of the link. Pure. */
export function linkEvents<E extends CanonicalEventFields>(head: ChainHead | null, events: E[], key: string): Array<E & { chainIndex: bigint; prevHash: string; hash: string; sealMac: string }> {
  let index = head?.chainIndex ?? 0n;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return events.map((event) => {
    index += 1n;
    const text = chainText(index, prevHash, event);
    const hash = chainHashOf(text);
    const linked = { ...event, chainIndex: index, prevHash, hash, sealMac: sealMac(key, text) };
    prevHash = hash;
    return linked;
  });
}

type PendingEvent = CanonicalEventFields & { mac: string | null };

/** What sealing sets on each event, by id. */
const CHAIN_COLUMNS = { id: 'uuid', chainIndex: 'bigint', prevHash: 'text', hash: 'text', sealMac: 'text' } as const;

/** One batch in one short transaction. Returns how many it sealed, or null when the lock was busy. */
async function sealBatch(db: Db, batchSize: number, wait: boolean, upToSeq: bigint, key: string): Promise<{ count: number; head: ChainHead | null; unsigned: SealResult['unsigned'] } | null> {
  return db.$transaction(
    async (tx) => {
      if (!(await lockSealer(tx, wait))) return null;
      const head = await readChainHead(tx);
      // A row with only some chain columns set was not written by a sealer: leave it for verify to report.
      const pending = await tx.$queryRaw<PendingEvent[]>`
        SELECT ${CANONICAL_COLUMNS}, "mac" FROM "AuditEvent"
         WHERE "chainIndex" IS NULL AND "prevHash" IS NULL AND "hash" IS NULL AND "sealMac" IS NULL AND "seq" <= ${upToSeq}
         ORDER BY "seq" LIMIT ${batchSize}`;
      if (pending.length === 0) return { count: 0, head, unsigned: [] };
      const linked = linkEvents(head, pending, key);
      // One statement per batch; the append-only trigger admits exactly this NULL → value update.
      await tx.$executeRaw`
        UPDATE "AuditEvent" AS a
           SET "chainIndex" = v."chainIndex", "prevHash" = v."prevHash", "hash" = v."hash", "sealMac" = v."sealMac"
          FROM ${unnestRows(linked, CHAIN_COLUMNS, 'v')}
         WHERE a.id = v.id AND a."chainIndex" IS NULL`;
      const last = linked[linked.length - 1]!;
      const unsigned = linked.filter((e) => !macMatches(e.mac, insertMac(key, e))).map((e) => ({ id: e.id, chainIndex: e.chainIndex }));
      return { count: linked.length, head: { chainIndex: last.chainIndex, hash: last.hash }, unsigned };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/**
 * Seals every committed, unsealed event, oldest seq first, in batches of `batchSize` per transaction.
 * `wait: false` (the scheduler tick) skips when another sealer is at work; `wait: true` (before verify
 * and export) waits for it, so the caller sees everything committed before the call.
 */
export async function sealPendingEvents(db: Db, options: { batchSize?: number; wait?: boolean; key?: string } = {}): Promise<SealResult> {
  const batchSize = options.batchSize ?? SEAL_BATCH_SIZE;
  const wait = options.wait ?? true;
  const key = options.key ?? auditSigningKey();
  // One cheap round trip when there is nothing to do (the common case on an idle tick). The newest
  // seq bounds this call: a steady stream of new events cannot keep it going forever.
  const [probe] = await db.$queryRaw<{ newest: bigint | null; pending: boolean }[]>`
    SELECT (SELECT max("seq") FROM "AuditEvent") AS newest,
           EXISTS (SELECT 1 FROM "AuditEvent" WHERE "chainIndex" IS NULL AND "prevHash" IS NULL AND "hash" IS NULL AND "sealMac" IS NULL) AS pending`;
  let sealed = 0;
  let head: ChainHead | null = null;
  const unsigned: SealResult['unsigned'] = [];
  if (!probe?.pending || probe.newest === null) return { sealed, head, unsigned };
  const newest = { seq: probe.newest };
  for (;;) {
    const batch = await sealBatch(db, batchSize, wait, newest.seq, key);
    if (!batch) return { sealed, head, unsigned, busy: true };
    sealed += batch.count;
    head = batch.head;
    unsigned.push(...batch.unsigned);
    if (batch.unsigned.length > 0) {
      // Loud: someone wrote to the trail without the application. Verify names these events too.
      log.warn({ events: batch.unsigned.map((e) => ({ id: e.id, chainIndex: e.chainIndex.toString() })) }, 'audit events without a valid MAC sealed into the chain: written behind the application, or changed before sealing; run audit:verify');
    }
    if (batch.count < batchSize) return { sealed, head, unsigned };
  }
}
