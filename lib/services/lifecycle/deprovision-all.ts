import type { ConnectorRegistry, DeprovisionOutcome, GrantTarget } from '@/lib/connectors/types';
import { forEachBounded } from './bounded';

/** Resources one batch works on at once. */
const RESOURCES_AT_ONCE = 4;
/** Calls in flight on one resource whose connector ends grants one call each (and so one connection each). */
const CALLS_PER_RESOURCE = 4;

/**
 * Ends a batch of leased grants on their targets: resources side by side (bounded), and on each resource
 * either the connector's deprovisionMany (one admin connection for the lot) or its deprovision per grant
 * with bounded parallelism. Never throws: every grant comes back done, failed (with why) or not-started
 * (its lease was running short, `mayStart` said no).
 */
export async function deprovisionAll(connectors: ConnectorRegistry, grantIds: readonly string[], targets: ReadonlyMap<string, GrantTarget>, mayStart: () => boolean): Promise<DeprovisionOutcome[]> {
  const outcomes: DeprovisionOutcome[] = [];
  const byResource = new Map<string, GrantTarget[]>();
  for (const grantId of grantIds) {
    const target = targets.get(grantId);
    if (!target || !connectors.get(target.resource.kind)) {
      outcomes.push({ grantId, outcome: 'failed', error: new Error(`no connector for resource kind ${target?.resource.kind ?? 'unknown'}`) });
      continue;
    }
    byResource.set(target.resource.id, [...(byResource.get(target.resource.id) ?? []), target]);
  }
  await forEachBounded([...byResource.values()], RESOURCES_AT_ONCE, async (group) => {
    outcomes.push(...(await onOneResource(connectors, group, mayStart)));
  });
  return outcomes;
}

async function onOneResource(connectors: ConnectorRegistry, group: readonly GrantTarget[], mayStart: () => boolean): Promise<DeprovisionOutcome[]> {
  const connector = connectors.get(group[0]!.resource.kind)!;
  if (connector.deprovisionMany) {
    return connector.deprovisionMany(group, mayStart).catch((error: unknown) => group.map((t) => ({ grantId: t.grantId, outcome: 'failed' as const, error })));
  }
  const outcomes: DeprovisionOutcome[] = [];
  await forEachBounded(group, CALLS_PER_RESOURCE, async (target) => {
    const grantId = target.grantId;
    if (!mayStart()) return void outcomes.push({ grantId, outcome: 'not-started' });
    await connector.deprovision(target).then(
      () => outcomes.push({ grantId, outcome: 'done' }),
      (error: unknown) => outcomes.push({ grantId, outcome: 'failed', error }),
    );
  });
  return outcomes;
}
