import type { Db } from '@/lib/db/client';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
}

/** Asks the database for a trivial answer within a deadline; never throws. */
export async function checkHealth(db: Db, timeoutMs = 3_000): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), timeoutMs);
  });
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, deadline]);
    return { status: 'ok', database: 'ok' };
  } catch {
    return { status: 'degraded', database: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
