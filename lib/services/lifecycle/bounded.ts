/**
 * Runs `fn` for every item with at most `limit` calls in flight at once (a target must not get a
 * connection per grant, the sweep must not wait for one grant at a time). Errors are the caller's to
 * catch inside `fn`: a rejection stops its lane, and rejects the whole once every lane has stopped.
 */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane);
  const settled = await Promise.allSettled(lanes);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
