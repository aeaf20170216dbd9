import { getConfig } from '@/lib/config/env';
import { jsonReply } from '@/lib/http/reply';
import { requestIdOf } from '@/lib/http/request-context';
import { log } from '@/lib/log';
import { checkHealth } from '@/lib/services/health';
import { getServiceDeps } from '@/lib/services/runtime';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const requestId = requestIdOf(request.headers);
  let report;
  try {
    // The embedded database has one role, in-process: the audit-table privilege check is for PostgreSQL.
    report = await checkHealth((await getServiceDeps()).db, undefined, { auditPrivileges: !getConfig().embedded });
  } catch (error) {
    log.error({ err: error, route: 'GET /api/health', requestId }, 'health: could not open the database');
    report = { status: 'degraded', database: 'unreachable' } as const;
  }
  return jsonReply(report.database === 'ok' ? 200 : 503, report, requestId);
}
