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
    report = await checkHealth((await getServiceDeps()).db);
  } catch (error) {
    log.error({ err: error, route: 'GET /api/health', requestId }, 'health: could not open the database');
    report = { status: 'degraded', database: 'unreachable' } as const;
  }
  return jsonReply(report.database === 'ok' ? 200 : 503, report, requestId);
}
