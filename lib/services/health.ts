import type { Db } from '@/lib/db/client';
import { auditTableRisks } from '@/lib/db/audit-privileges';
import { stuckRevocationAttempts } from '@/lib/domain/grant-status';
import { breakGlassSettings } from './break-glass/settings';
import { countOverdueReviews } from './metrics/break-glass-metrics';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  /** Present only when something needs an operator: e.g. revocations failing again and again. */
  warnings?: string[];
}

async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks the database for a trivial answer within a deadline, then for stuck revocations, overdue break-glass
 * reviews and (on PostgreSQL) whether the role Timebox runs as could get around the audit trail's triggers;
 * never throws.
 */
export async function checkHealth(db: Db, timeoutMs = 3_000, options: { now?: Date; auditPrivileges?: boolean } = {}): Promise<HealthReport> {
  const now = options.now ?? new Date();
  try {
    await withDeadline(db.$queryRaw`SELECT 1`, timeoutMs);
  } catch {
    return { status: 'degraded', database: 'unreachable' };
  }
  const report: HealthReport = { status: 'ok', database: 'ok' };
  try {
    const stuck = await withDeadline(db.grant.count({ where: { status: 'revoking', revokeAttempts: { gte: stuckRevocationAttempts } } }), timeoutMs);
    const failedNotifications = await withDeadline(db.notification.count({ where: { status: 'failed' } }), timeoutMs);
    const warnings = [
      ...(stuck > 0 ? [`${stuck} revocation(s) have failed ${stuckRevocationAttempts}+ times and are still being retried`] : []),
      ...(failedNotifications > 0 ? [`${failedNotifications} notification(s) could not be delivered for 24 h; see /admin/notifications`] : []),
    ];
    if (warnings.length > 0) report.warnings = warnings;
  } catch {
    // The database answered a moment ago; a failed count is not a reason to report it down.
  }
  try {
    const { reviewOverdueHours } = breakGlassSettings();
    const overdue = await withDeadline(countOverdueReviews(db, new Date(now.getTime() - reviewOverdueHours * 3_600_000)), timeoutMs);
    if (overdue > 0) report.warnings = [...(report.warnings ?? []), `${overdue} break-glass grant(s) unreviewed for more than ${reviewOverdueHours} hours`];
  } catch {
    // as above: a warning that cannot be counted is not an outage
  }
  if (options.auditPrivileges) {
    const risks = await withDeadline(auditTableRisks(db), timeoutMs).catch(() => []);
    if (risks.length > 0) report.warnings = [...(report.warnings ?? []), ...risks];
  }
  return report;
}
