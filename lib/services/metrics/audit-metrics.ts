import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { currentCounts, type CurrentCounts } from './current-counts';
import { decisionTime, type DecisionTime } from './decision-time';
import { grantsByResource, type GrantsByResource } from './grants-by-resource';
import { authorize } from '@/lib/services/authorize';
import { breakGlassSettings } from '../break-glass/settings';
import { breakGlassMetrics, type BreakGlassMetrics } from './break-glass-metrics';

// The compliance dashboard's metrics: read-only, for auditors and admins (they summarise everyone's
// access). Windows are measured from the injected clock, so tests move time instead of waiting.

export interface AuditMetrics {
  asOf: string;
  counts: CurrentCounts;
  decisionTime: DecisionTime;
  grantsByResource: GrantsByResource;
  breakGlass: BreakGlassMetrics;
}

export async function getAuditMetrics(deps: ServiceDeps, ctx: ActorContext): Promise<AuditMetrics> {
  authorize(ctx, 'audit.read');
  const now = deps.clock.now();
  const { reviewOverdueHours } = breakGlassSettings();
  const [counts, decisions, grants, breakGlass] = await Promise.all([
    currentCounts(deps.db, now),
    decisionTime(deps.db, now),
    grantsByResource(deps.db, now),
    breakGlassMetrics(deps.db, now, reviewOverdueHours),
  ]);
  return { asOf: now.toISOString(), counts, decisionTime: decisions, grantsByResource: grants, breakGlass };
}
