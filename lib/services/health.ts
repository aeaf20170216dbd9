import type { Db } from '@/lib/db/client';
import { stuckRevocationAttempts } from '@/lib/domain/grant-status';

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

/** Asks the database for a trivial answer within a deadline, then for stuck revocations and undeliverable notifications; never throws. */
export async function checkHealth(db: Db, timeoutMs = 3_000): Promise<HealthReport> {
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
  return report;
}
