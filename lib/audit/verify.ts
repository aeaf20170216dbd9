import type { Db } from '@/lib/db/client';
import { GENESIS_HASH, chainHashOf, chainText } from './canonical';
import type { CanonicalEventFields } from './canonical';
import { checkpointIsGenuine, type LatestCheckpoint } from './checkpoint';
import { insertMac, macMatches, sealMac } from './mac';
import { CANONICAL_COLUMNS, sealPendingEvents, type ChainHead } from './seal';
import { auditSigningKey } from './signing-key';

export type BreakReason =
  /** The event's content (or position) no longer matches its hash: it was changed. */
  | 'hash-mismatch'
  /** A chainIndex is missing before this event: an event was removed (or unsealed). */
  | 'gap'
  /** The event does not link to the one before it: something was inserted or replaced. */
  | 'prev-hash-mismatch'
  /** A row that is neither sealed into the chain nor cleanly unsealed (half-filled chain columns, chainIndex < 1). */
  | 'forged'
  /** The event the caller anchored, or the latest checkpoint recorded, is different. */
  | 'anchor-mismatch'
  /** No insert MAC: the row was written behind the application's back (a raw INSERT). */
  | 'mac-missing'
  /** The insert MAC does not match the content: written without the key, or changed since. */
  | 'mac-mismatch'
  /** A sealed event without the sealer's MAC (after the first one that has it). */
  | 'seal-mac-missing'
  /** The sealer's MAC does not match the link: the chain was recomputed without the key. */
  | 'seal-mac-mismatch'
  /** searchText is not what the event's data gives: the text filter would lie about it. */
  | 'search-text-mismatch'
  /** The event is dated well before events inserted earlier: its time was changed. */
  | 'backdated'
  /** The chain ends before the head the latest checkpoint recorded: its newest events were removed. */
  | 'truncated'
  /** The latest checkpoint's MAC is wrong: the checkpoint file was tampered with. */
  | 'checkpoint-invalid';

/** One piece of evidence of tampering, with the event it concerns (chain position, seq and id where known). */
export interface Finding {
  reason: BreakReason;
  chainIndex: string | null;
  seq: string | null;
  id: string | null;
}

export type VerifyResult =
  | {
      ok: true;
      checked: number;
      unsealed: number;
      /** Events sealed before the trail was signed (before AUDIT_SIGNING_KEY existed): chained, not signed. */
      legacy: number;
      head: { chainIndex: string; hash: string } | null;
      /** The checkpoint compared against, if any. */
      checkpoint: { chainIndex: string; at: string } | null;
      findings: Finding[];
    }
  | {
      ok: false;
      checked: number;
      unsealed: number;
      legacy: number;
      /** The first finding's event, as before findings were listed. */
      firstBrokenId: string | null;
      chainIndex: string | null;
      reason: BreakReason;
      checkpoint: { chainIndex: string; at: string } | null;
      /** Every finding, in the order found (at most MAX_FINDINGS). */
      findings: Finding[];
    };

export interface VerifyOptions {
  /** Seal committed events first, so the walk covers them (default true). */
  seal?: boolean;
  batchSize?: number;
  /**
   * A head recorded earlier (from a previous verify or the sealer's log). The chain alone cannot show
   * that its newest events were cut off, or that it was recomputed from some point on: an anchor kept
   * outside the database can.
   */
  anchor?: ChainHead;
  /** The latest signed checkpoint (checkpoint.ts): checked like an anchor, and its MAC too. */
  checkpoint?: LatestCheckpoint;
  /** The signing key (default: the one in force). */
  key?: string;
}

const VERIFY_BATCH_SIZE = 2000;
/** Enough to show the shape of any tampering; a wholesale rewrite would otherwise list a million rows. */
export const MAX_FINDINGS = 100;
/**
 * How far an event's time may fall behind an event inserted before it. The database stamps both (its
 * clock, at insert) so honest events differ by microseconds; the margin absorbs a clock step.
 */
const BACKDATE_TOLERANCE_SECONDS = 60;

type WalkedEvent = CanonicalEventFields & { chainIndex: bigint; prevHash: string | null; hash: string | null; mac: string | null; sealMac: string | null };

/**
 * Walks the chain in chainIndex order, a batch at a time (constant memory), recomputing every hash and
 * checking every MAC, then looks for what the chain does not cover (searchText, backdated times, the
 * tail against the checkpoint). `checked` counts the events found intact before the first finding.
 * Unsealed events (committed after the sealer's last pass) are counted, not judged.
 */
export async function verifyChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  if (options.seal ?? true) await sealPendingEvents(db, { wait: true, key: options.key });
  const key = options.key ?? auditSigningKey();
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const unsealed = await db.auditEvent.count({ where: { chainIndex: null } });

  const findings: Finding[] = [];
  let found = 0;
  const report = (reason: BreakReason, event: { id?: string | null; seq?: bigint | null } | null, chainIndex: bigint | null) => {
    found += 1;
    if (findings.length < MAX_FINDINGS) findings.push({ reason, chainIndex: chainIndex?.toString() ?? null, seq: event?.seq?.toString() ?? null, id: event?.id ?? null });
  };

  // The sealer only writes all four chain columns at once, and counts from 1: anything else was written by hand.
  // (A sealed row with a NULL hash or prevHash fails its own check during the walk.)
  const misfits = await db.auditEvent.findMany({
    where: { OR: [{ chainIndex: { lt: 1n } }, { chainIndex: null, OR: [{ hash: { not: null } }, { prevHash: { not: null } }, { sealMac: { not: null } }] }] },
    orderBy: { seq: 'asc' },
    take: MAX_FINDINGS,
    select: { id: true, seq: true, chainIndex: true },
  });
  for (const misfit of misfits) report('forged', misfit, misfit.chainIndex ?? 0n);

  const latest = options.checkpoint ?? { kind: 'none' };
  const checkpoint = latest.kind === 'checkpoint' ? latest.checkpoint : null;
  const checkpointOk = checkpoint ? checkpointIsGenuine(checkpoint, key) : false;
  if (checkpoint && !checkpointOk) report('checkpoint-invalid', null, BigInt(checkpoint.chainIndex));
  if (latest.kind === 'unreadable') report('checkpoint-invalid', null, null);
  // Heads written down outside the database; each must still be in the chain, unchanged.
  const anchors = [
    ...(options.anchor ? [{ chainIndex: options.anchor.chainIndex, hash: options.anchor.hash, ifGone: 'anchor-mismatch' as const, seen: false }] : []),
    ...(checkpoint && checkpointOk ? [{ chainIndex: BigInt(checkpoint.chainIndex), hash: checkpoint.hash, ifGone: 'truncated' as const, seen: false }] : []),
  ];

  let expectedIndex = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let legacy = 0;
  // Events sealed before signing began have neither MAC; they can only form the start of the chain.
  let legacyOpen = true;
  let walkClean = true;
  for (;;) {
    const batch = await db.$queryRaw<WalkedEvent[]>`
      SELECT ${CANONICAL_COLUMNS}, "chainIndex", "prevHash", "hash", "mac", "sealMac" FROM "AuditEvent"
       WHERE "chainIndex" >= ${expectedIndex} ORDER BY "chainIndex" LIMIT ${batchSize}`;
    for (const event of batch) {
      const before = found;
      const index = event.chainIndex;
      if (index !== expectedIndex) report('gap', event, expectedIndex);
      if (event.prevHash !== prevHash) report('prev-hash-mismatch', event, index);
      const text = chainText(index, event.prevHash ?? '', event);
      if (event.hash !== chainHashOf(text)) report('hash-mismatch', event, index);
      if (event.sealMac === null && legacyOpen && event.mac === null) {
        legacy += 1;
      } else {
        legacyOpen = false;
        if (event.sealMac === null) report('seal-mac-missing', event, index);
        else if (!macMatches(event.sealMac, sealMac(key, text))) report('seal-mac-mismatch', event, index);
        if (event.mac === null) report('mac-missing', event, index);
        else if (!macMatches(event.mac, insertMac(key, event))) report('mac-mismatch', event, index);
      }
      for (const anchor of anchors) {
        if (index !== anchor.chainIndex) continue;
        anchor.seen = true;
        if (event.hash !== anchor.hash) report('anchor-mismatch', event, index);
      }
      walkClean &&= found === before;
      if (walkClean) checked += 1;
      // Carry on from this event as it stands, so what follows a break is judged too.
      prevHash = event.hash ?? '';
      expectedIndex = index + 1n;
    }
    if (batch.length < batchSize) break;
  }
  for (const anchor of anchors) if (!anchor.seen) report(anchor.ifGone, null, anchor.chainIndex);

  // searchText is derived, not hashed: recompute it from the (hashed) data with the trigger's expression.
  const badSearchText = await db.$queryRaw<Array<{ id: string; seq: bigint; chainIndex: bigint | null }>>`
    SELECT "id", "seq", "chainIndex" FROM "AuditEvent"
     WHERE "searchText" IS DISTINCT FROM NULLIF(concat_ws(' ', "data"->>'justification', "data"->>'ticket'), '')
     ORDER BY "seq" LIMIT ${MAX_FINDINGS}`;
  for (const event of badSearchText) report('search-text-mismatch', event, event.chainIndex);

  // The database stamps occurredAt at insert, in seq order: an event dated well before one inserted
  // earlier had its time changed afterwards. (The volume seeder's synthetic history is signed as such.)
  const backdated = await db.$queryRaw<Array<{ id: string; seq: bigint; chainIndex: bigint | null }>>`
    SELECT "id", "seq", "chainIndex" FROM (
      SELECT "id", "seq", "chainIndex", "occurredAt", "data",
             max("occurredAt") OVER (ORDER BY "seq" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "latestBefore"
        FROM "AuditEvent") AS t
     WHERE "occurredAt" < "latestBefore" - make_interval(secs => ${BACKDATE_TOLERANCE_SECONDS})
       AND ("data"->>'synthetic') IS DISTINCT FROM 'true'
     ORDER BY "seq" LIMIT ${MAX_FINDINGS}`;
  for (const event of backdated) report('backdated', event, event.chainIndex);

  const checkpointSummary = checkpoint ? { chainIndex: checkpoint.chainIndex, at: checkpoint.at } : null;
  const first = findings[0];
  if (first) {
    return { ok: false, checked, unsealed, legacy, firstBrokenId: first.id, chainIndex: first.chainIndex, reason: first.reason, checkpoint: checkpointSummary, findings };
  }
  const head = expectedIndex > 1n ? { chainIndex: (expectedIndex - 1n).toString(), hash: prevHash } : null;
  return { ok: true, checked, unsealed, legacy, head, checkpoint: checkpointSummary, findings };
}
