// How long after a grant's end does GET /api/v1/access/check answer allowed:false, and how long until
// the grant itself reads `expired`, under the internal scheduler (a sweep every 5 s)?
// Real time and a real PostgreSQL (a throw-away database); the route handler is called in-process
// exactly as Next.js calls it, with a real `check`-scoped token.
import { GET as checkRoute } from '@/app/api/v1/access/check/route';
import { loadActor } from '@/lib/auth/load-actor';
import { defaultConnectors } from '@/lib/connectors/registry';
import { systemClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { requestAccess } from '@/lib/services/requests/request-access';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { sweep } from '@/lib/services/sweep/sweep';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import { type BenchContext, median, round, sleep } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

const SWEEP_EVERY_MS = 5_000;
const POLL_EVERY_MS = 20;
const ROUNDS = 5;

export async function runCheckExpiryBench(ctx: BenchContext): Promise<void> {
  const database = await createThrowawayDatabase();
  let sweeping = true;
  try {
    await seedDemo(database.db);
    const deps: ServiceDeps = { db: database.db, clock: systemClock, connectors: defaultConnectors() };
    overrideServiceDeps(deps);
    const actorOf = async (email: string) => {
      const user = await database.db.user.findUniqueOrThrow({ where: { email } });
      return { actor: (await loadActor(database.db, user.id))!, via: 'api' as const };
    };
    const { secret } = await createApiToken(deps, await actorOf('carol@example.com'), { name: 'bench', scopes: ['check_any'] });
    const sweeper = (async () => {
      while (sweeping) {
        await sweep(deps).catch(() => {});
        await sleep(SWEEP_EVERY_MS);
      }
    })();

    const checkDelays: number[] = [];
    const expiredDelays: number[] = [];
    const users = ['alice@example.com', 'erin@example.com', 'bob@example.com', 'frank@example.com'];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const email = users[round_ % users.length]!;
      const request = await requestAccess(deps, await actorOf(email), requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 1, justification: 'benchmark run' }));
      // End a few seconds from now, at a random point of the sweep cycle.
      const endsAt = new Date(Date.now() + 2_000 + Math.random() * SWEEP_EVERY_MS);
      await database.db.grant.update({ where: { id: request.grant!.id }, data: { expiresAt: endsAt } });
      const url = `http://bench/api/v1/access/check?user=${encodeURIComponent(email)}&resource=feature-flags&role=admin`;
      let deniedAt: number | undefined;
      let expiredAt: number | undefined;
      while (!deniedAt || !expiredAt) {
        if (!deniedAt) {
          const response = await checkRoute(new Request(url, { headers: { authorization: `Bearer ${secret}` } }));
          const body = (await response.json()) as { allowed: boolean };
          if (!body.allowed) deniedAt = Date.now();
        }
        if (!expiredAt && (await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } })).status === 'expired') expiredAt = Date.now();
        await sleep(POLL_EVERY_MS);
      }
      checkDelays.push(Math.max(0, deniedAt - endsAt.getTime()));
      expiredDelays.push(expiredAt - endsAt.getTime());
      ctx.log(`round ${round_ + 1}: check false after ${deniedAt - endsAt.getTime()} ms, grant expired after ${expiredAt - endsAt.getTime()} ms`);
    }
    sweeping = false;
    await sweeper;
    ctx.report({ name: 'expiry.check_allowed_false_after_end.median', value: round(median(checkDelays)), unit: 'ms', detail: { samples: checkDelays, pollEveryMs: POLL_EVERY_MS } });
    ctx.report({ name: 'expiry.check_allowed_false_after_end.max', value: Math.max(...checkDelays), unit: 'ms' });
    ctx.report({ name: 'expiry.grant_expired_after_end.median', value: round(median(expiredDelays)), unit: 'ms', goal: `≤ ${SWEEP_EVERY_MS} ms + one sweep`, detail: { samples: expiredDelays } });
    ctx.report({ name: 'expiry.grant_expired_after_end.max', value: Math.max(...expiredDelays), unit: 'ms' });
  } finally {
    sweeping = false;
    overrideServiceDeps(null);
    await database.drop();
  }
}
