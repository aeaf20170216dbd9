import { log } from '@/lib/log';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { bearerCredential, secretMatches } from './api-auth';
import { errorReply, jsonReply } from './reply';
import { requestIdOf } from './request-context';

/**
 * A scheduler entry point (`/api/cron/…`): answers only `Authorization: Bearer $CRON_SECRET`,
 * runs `job` and answers its JSON summary. With no secret configured the endpoint is off (503),
 * so a forgotten variable never leaves it open. The scheduler acts as the system, so there is no
 * actor to log: an unexpected error is logged with the job's name and the request id.
 */
export function cronRoute<T>(readSecret: () => string | undefined, job: (deps: ServiceDeps) => Promise<T>, name: string) {
  return async (request: Request): Promise<Response> => {
    const requestId = requestIdOf(request.headers);
    try {
      const expected = readSecret();
      if (!expected) return jsonReply(503, { error: { code: 'unavailable', message: 'CRON_SECRET is not set' } }, requestId);
      if (!secretMatches(bearerCredential(request.headers), expected)) {
        return jsonReply(401, { error: { code: 'unauthenticated', message: 'Send Authorization: Bearer $CRON_SECRET.' } }, requestId, { 'WWW-Authenticate': 'Bearer realm="timebox-cron"' });
      }
      const started = Date.now();
      const summary = await job(await getServiceDeps());
      // Quiet when nothing was due: a once-a-minute scheduler would otherwise fill the log.
      const busy = typeof summary === 'object' && summary !== null && Object.values(summary).some((v) => v !== 0);
      log[busy ? 'info' : 'debug']({ job: name, requestId, ms: Date.now() - started, summary }, 'cron job ran');
      return jsonReply(200, summary, requestId);
    } catch (error) {
      return errorReply(error, { route: `cron ${name}`, requestId });
    }
  };
}
