/**
 * Options of a transaction that writes a whole sweep batch (up to 200 moves and their audit rows). Such a
 * transaction takes ~100 ms on an idle machine, but several seconds on a saturated one; Prisma's default
 * 5 s would then roll back work that was done and make the next pass repeat it. It only touches rows this
 * sweep has claimed, so a longer bound blocks nobody else.
 */
export const BATCH_TRANSACTION = { timeout: 30_000, maxWait: 10_000 } as const;
