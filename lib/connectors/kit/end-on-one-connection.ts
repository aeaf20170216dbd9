import type { DeprovisionOutcome } from '../types';

/** How one connector ends a batch of grants on a single admin connection. */
export interface OneConnection<Item extends { grantId: string }, Client> {
  /** Opens the admin connection, runs `work` on it and closes it; rejects with a secret-free error. */
  withConnection: (work: (client: Client) => Promise<void>) => Promise<void>;
  /** Ends one grant's access on the connection (idempotent). */
  endOne: (client: Client, item: Item) => Promise<void>;
  /** A failed grant's error as it is stored: short and secret-free. */
  failure: (error: unknown) => unknown;
  /** Whether an error also took the connection with it: the rest of the batch then fails with that error. */
  lostConnection?: (error: unknown) => boolean;
}

/**
 * Ends many grants of one resource on ONE admin connection (opening one costs several times an end), one
 * after another, each started only while `mayStart()` says the caller's lease leaves room. A grant that
 * fails does not stop the others; a connection that cannot be opened, or is lost midway, fails every grant
 * not yet settled with the connection's own error. Outcomes come back in the items' order: done, failed,
 * or not-started (the lease ran short).
 */
export async function endOnOneConnection<Item extends { grantId: string }, Client>(
  items: readonly Item[],
  mayStart: () => boolean,
  how: OneConnection<Item, Client>,
): Promise<DeprovisionOutcome[]> {
  const settled = new Map<string, DeprovisionOutcome>();
  try {
    await how.withConnection(async (client) => {
      for (const item of items) {
        if (!mayStart()) return;
        try {
          await how.endOne(client, item);
          settled.set(item.grantId, { grantId: item.grantId, outcome: 'done' });
        } catch (error) {
          if (how.lostConnection?.(error)) throw error;
          settled.set(item.grantId, { grantId: item.grantId, outcome: 'failed', error: how.failure(error) });
        }
      }
    });
  } catch (error) {
    for (const { grantId } of items) if (!settled.has(grantId)) settled.set(grantId, { grantId, outcome: 'failed', error });
  }
  return items.map(({ grantId }) => settled.get(grantId) ?? { grantId, outcome: 'not-started' });
}
