import { log } from '@/lib/log';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { bearerCredential, secretMatches } from './api-auth';
import { toErrorBody } from './to-error-body';

const reply = (status: number, body: unknown, extra: Record<string, string> = {}) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...extra } });

/**
 * A scheduler entry point (`/api/cron/…`): answers only `Authorization: Bearer $CRON_SECRET`,
 * runs `job` and answers its JSON summary. With no secret configured the endpoint is off (503),
 * so a forgotten variable never leaves it open.
 */
export function cronRoute<T>(readSecret: () => string | undefined, job: (deps: ServiceDeps) => Promise<T>, name: string) {
  return async (request: Request): Promise<Response> => {
    try {
      const expected = readSecret();
      if (!expected) return reply(503, { error: { code: 'unavailable', message: 'CRON_SECRET is not set' } });
      if (!secretMatches(bearerCredential(request.headers), expected)) {
        return reply(401, { error: { code: 'unauthenticated', message: 'Send Authorization: Bearer $CRON_SECRET.' } }, { 'WWW-Authenticate': 'Bearer realm="timebox-cron"' });
      }
      const started = Date.now();
      const summary = await job(await getServiceDeps());
      // Quiet when nothing was due: a once-a-minute scheduler would otherwise fill the log.
      const busy = typeof summary === 'object' && summary !== null && Object.values(summary).some((v) => v !== 0);
      log[busy ? 'info' : 'debug']({ job: name, ms: Date.now() - started, summary }, 'cron job ran');
      return reply(200, summary);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      return reply(status, body);
    }
  };
}
