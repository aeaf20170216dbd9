import type { Db } from '@/lib/db/client';
import { GENESIS_HASH, chainHash } from './canonical';
import type { CanonicalEventFields } from './canonical';
import { CANONICAL_COLUMNS, sealPendingEvents, type ChainHead } from './seal';

export type BreakReason =
  /** The event's content (or position) no longer matches its hash: it was changed. */
  | 'hash-mismatch'
  /** A chainIndex is missing before this event: an event was removed (or unsealed). */
  | 'gap'
  /** The event does not link to the one before it: something was inserted or replaced. */
  | 'prev-hash-mismatch'
  /** A row that is neither sealed into the chain nor cleanly unsealed (half-filled chain columns, chainIndex < 1). */
  | 'forged'
  /** The event the caller anchored (an earlier head it wrote down) is gone or different. */
  | 'anchor-mismatch';

export type VerifyResult =
  | { ok: true; checked: number; unsealed: number; head: { chainIndex: string; hash: string } | null }
  | { ok: false; checked: number; unsealed: number; firstBrokenId: string | null; chainIndex: string; reason: BreakReason };

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
}

const VERIFY_BATCH_SIZE = 2000;

/**
 * Walks the chain in chainIndex order, a batch at a time (constant memory), recomputing every hash.
 * `checked` counts the events found intact before the first break. Unsealed events (committed after
 * the sealer's last pass) are counted, not judged.
 */
export async function verifyChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  if (options.seal ?? true) await sealPendingEvents(db, { wait: true });
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const unsealed = await db.auditEvent.count({ where: { chainIndex: null } });

  let expectedIndex = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let anchorSeen = false;
  const broken = (id: string | null, chainIndex: bigint, reason: BreakReason): VerifyResult => ({ ok: false, checked, unsealed, firstBrokenId: id, chainIndex: chainIndex.toString(), reason });

  // The sealer only writes all three chain columns at once, and counts from 1: anything else was written by hand.
  // (A sealed row with a NULL hash or prevHash fails its own check during the walk.)
  const misfit = await db.auditEvent.findFirst({
    where: { OR: [{ chainIndex: { lt: 1n } }, { chainIndex: null, OR: [{ hash: { not: null } }, { prevHash: { not: null } }] }] },
    orderBy: { seq: 'asc' },
    select: { id: true, chainIndex: true },
  });
  if (misfit) return broken(misfit.id, misfit.chainIndex ?? 0n, 'forged');

  for (;;) {
    const batch = await db.$queryRaw<Array<CanonicalEventFields & { chainIndex: bigint; prevHash: string | null; hash: string | null }>>`
      SELECT ${CANONICAL_COLUMNS}, "chainIndex", "prevHash", "hash" FROM "AuditEvent"
       WHERE "chainIndex" >= ${expectedIndex} ORDER BY "chainIndex" LIMIT ${batchSize}`;
    for (const event of batch) {
      const index = event.chainIndex;
      if (index !== expectedIndex) return broken(event.id, expectedIndex, 'gap');
      if (event.prevHash !== prevHash) return broken(event.id, index, 'prev-hash-mismatch');
      if (event.hash !== chainHash(index, prevHash, event)) return broken(event.id, index, 'hash-mismatch');
      if (options.anchor && index === options.anchor.chainIndex) {
        if (event.hash !== options.anchor.hash) return broken(event.id, index, 'anchor-mismatch');
        anchorSeen = true;
      }
      prevHash = event.hash;
      expectedIndex = index + 1n;
      checked += 1;
    }
    if (batch.length < batchSize) break;
  }
  if (options.anchor && !anchorSeen) return broken(null, options.anchor.chainIndex, 'anchor-mismatch');
  const head = checked > 0 ? { chainIndex: (expectedIndex - 1n).toString(), hash: prevHash } : null;
  return { ok: true, checked, unsealed, head };
}
