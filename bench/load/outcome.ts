import type { Db } from '@/lib/db/client';
import { verifyChain } from '@/lib/audit/verify';

// What must hold after the load, whatever the timing: every grant reached one end exactly once (one
// audit event moved it into its final status, at most one started its ending), and the chain verifies.

const live = ['scheduled', 'provisioning', 'active', 'revoking'] as const;

/** Waits (bounded) until the instances' schedulers have ended every one-minute grant. */
export async function waitForAllEnded(db: Db, deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  let left = Infinity;
  while (Date.now() < deadline && (left = await db.grant.count({ where: { status: { in: [...live] } } })) > 0) await new Promise((r) => setTimeout(r, 1_000));
  return left;
}

export interface Outcome {
  grants: number;
  byStatus: Record<string, number>;
  /** Grants whose trail moved them into their final status other than once, or began ending twice. */
  endedOtherThanOnce: string[];
  chain: Awaited<ReturnType<typeof verifyChain>>;
}

export async function checkOutcome(db: Db): Promise<Outcome> {
  const grants = await db.grant.findMany({ select: { id: true, status: true } });
  const byStatus: Record<string, number> = {};
  for (const g of grants) byStatus[g.status] = (byStatus[g.status] ?? 0) + 1;
  const moves = await db.auditEvent.groupBy({ by: ['grantId', 'statusTo'], where: { grantId: { not: null }, statusTo: { not: null } }, _count: { _all: true } });
  const count = new Map(moves.map((m) => [`${m.grantId}:${m.statusTo}`, m._count._all]));
  const endedOtherThanOnce = grants
    .filter((g) => (count.get(`${g.id}:${g.status}`) ?? 0) !== 1 || (count.get(`${g.id}:revoking`) ?? 0) > 1)
    .map((g) => `${g.id} (${g.status}: ${count.get(`${g.id}:${g.status}`) ?? 0} final moves, ${count.get(`${g.id}:revoking`) ?? 0} to revoking)`);
  return { grants: grants.length, byStatus, endedOtherThanOnce, chain: await verifyChain(db) };
}
