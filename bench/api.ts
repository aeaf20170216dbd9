// The `api` group: the built server (`next start`) on a throw-away PostgreSQL database under autocannon,
// beside the same data work done by PostgreSQL alone (pgbench, same client count, same database):
//  - GET /api/v1/access/check at 8 connections vs the check's lookup as one indexed SELECT;
//  - auto-approved POST /api/v1/requests at 8 connections vs 1 request + 1 grant + 3 audit rows in one transaction.
// Needs a production build in TIMEBOX_DIST_DIR (default .next-bench; `TIMEBOX_DIST_DIR=.next-bench npm run build`).
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '@/lib/domain/clock';
import { defaultConnectors } from '@/lib/connectors/registry';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';
import { CHECK_PATH, mintCheckToken } from './check-token';
import { requestAccess } from '@/lib/services/requests/request-access';
import { requestAccessInput } from '@/lib/domain/request-input';
import { loadActor } from '@/lib/auth/load-actor';
import { type BenchContext, median, round } from './measure';
import { cannon as cannonAt, type Load, startServer, stopServer } from './next-server';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-db';

const CONNECTIONS = 8;
const CHECK_SECONDS = 10;
/** Requests created per run: each by its own user (a user may hold one open request per role). */
const REQUESTS_PER_RUN = 600;
/** TIMEBOX_BENCH_PORT moves it, so two checkouts can bench on one machine. */
const PORT = Number(process.env.TIMEBOX_BENCH_PORT ?? 3917);
const cannon = (server: Parameters<typeof cannonAt>[0], options: Parameters<typeof cannonAt>[2]) => cannonAt(server, CONNECTIONS, options);

const run = promisify(execFile);

async function pgbench(database: ThrowawayDatabase, script: string, vars: Record<string, string>, seconds: number): Promise<number> {
  const file = path.join(os.tmpdir(), `timebox-bench-${crypto.randomBytes(4).toString('hex')}.sql`);
  fs.writeFileSync(file, script);
  try {
    const url = new URL(database.url);
    const args = ['-n', '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-M', 'prepared', '-f', file, ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`])];
    const { stdout } = await run('pgbench', [...args, '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres', url.pathname.slice(1)], { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } });
    const tps = /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`api: pgbench printed no tps: ${stdout}`);
    return round(Number(tps[1]), 0);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The check's lookup as one indexed SELECT (what the endpoint asks of the database). */
const CHECK_SQL = `SELECT g.id, g."expiresAt" FROM "Grant" g
  JOIN "User" u ON u.id = g."userId" JOIN "Entitlement" e ON e.id = g."entitlementId" JOIN "Resource" r ON r.id = e."resourceId"
 WHERE g.status = 'active' AND g."startsAt" <= now() AND g."expiresAt" > now() AND u.email = :email AND u."disabledAt" IS NULL
   AND e.role = :role AND e."archivedAt" IS NULL AND r.slug = :resource AND r."archivedAt" IS NULL
 ORDER BY g."expiresAt" DESC LIMIT 1;
`;

/** An auto-approved request's rows: the request, its grant and three audit events, in one transaction. */
const REQUEST_SQL = `BEGIN;
WITH r AS (INSERT INTO "AccessRequest" (id, "requesterId", "entitlementId", "durationMinutes", justification, status, "autoApproved", "expiresAt", "decidedAt", "updatedAt")
           VALUES (gen_random_uuid(), CAST(:user AS uuid), CAST(:entitlement AS uuid), 30, 'benchmark run', 'approved', true, now() + interval '1 day', now(), now()) RETURNING id),
     g AS (INSERT INTO "Grant" (id, "requestId", "userId", "entitlementId", status, "startsAt", "expiresAt", "activatedAt", "updatedAt")
           SELECT gen_random_uuid(), r.id, CAST(:user AS uuid), CAST(:entitlement AS uuid), 'active', now(), now() + interval '30 minutes', now(), now() FROM r RETURNING id, "requestId")
INSERT INTO "AuditEvent" (id, "actorLabel", "actorId", action, "entitlementId", "requestId", "grantId", data)
SELECT gen_random_uuid(), 'bench', CAST(:user AS uuid), a, CAST(:entitlement AS uuid), g."requestId", g.id, '{"justification":"benchmark run"}'::jsonb
  FROM g, unnest(ARRAY['request.created', 'request.auto_approved', 'grant.activated']) AS a;
COMMIT;
`;

/** Users in `engineering` (auto-approved for feature-flags admin), each with a `requests` token. */
async function requesters(database: ThrowawayDatabase, count: number, tag: string): Promise<string[]> {
  const { db } = database;
  const engineering = await db.group.findUniqueOrThrow({ where: { name: 'engineering' } });
  const users = Array.from({ length: count }, (_, i) => ({ id: crypto.randomUUID(), email: `bench-${tag}-${i}@example.com`, name: `Bench ${i}`, source: 'seed' }));
  await db.user.createMany({ data: users });
  await db.groupMembership.createMany({ data: users.map((u) => ({ userId: u.id, groupId: engineering.id })) });
  const secrets = users.map(() => generateTokenSecret());
  await db.apiToken.createMany({ data: users.map((u, i) => ({ userId: u.id, name: 'bench', tokenHash: hashTokenSecret(secrets[i]!), prefix: secrets[i]!.slice(4, 12), scopes: ['requests'] })) });
  return secrets;
}

export async function runApiBench(ctx: BenchContext): Promise<void> {
  const distDir = process.env.TIMEBOX_DIST_DIR ?? '.next-bench';
  const database = await createThrowawayDatabase();
  let stopRunning = async () => {};
  try {
    const { db } = database;
    await seedDemo(db);
    const deps: ServiceDeps = { db, clock: systemClock, connectors: defaultConnectors() };
    const alice = await db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    // A held role, so the check answers allowed: true (the path a target system takes all day).
    await requestAccess(deps, { actor: (await loadActor(db, alice.id))!, via: 'web' }, requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 60, justification: 'benchmark run' }));
    const checkSecret = await mintCheckToken(db);
    const entitlement = await db.entitlement.findFirstOrThrow({ where: { role: 'admin', resource: { slug: 'feature-flags' } } });
    await db.$executeRawUnsafe('ANALYZE');

    const server = await startServer({ database, distDir, port: PORT, label: 'api' });
    stopRunning = () => stopServer(server);
    const checkUrl = `http://127.0.0.1:${PORT}${CHECK_PATH}`;
    const probe = await fetch(checkUrl, { headers: { authorization: `Bearer ${checkSecret}` } });
    const body = (await probe.json()) as { allowed?: boolean };
    if (!body.allowed) throw new Error(`api: the check does not answer allowed: ${JSON.stringify(body)}`);
    await cannon(server, { url: checkUrl, headers: { authorization: `Bearer ${checkSecret}` }, duration: 3 }); // warm-up: compile, pool

    const checks: Load[] = [];
    const selects: number[] = [];
    const creates: Load[] = [];
    const inserts: number[] = [];
    for (let i = 0; i < ctx.repeats; i++) {
      checks.push(await cannon(server, { url: checkUrl, headers: { authorization: `Bearer ${checkSecret}` }, duration: CHECK_SECONDS }));
      selects.push(await pgbench(database, CHECK_SQL, { email: 'alice@example.com', role: 'admin', resource: 'feature-flags' }, CHECK_SECONDS));
      ctx.log(`api: run ${i + 1}: check ${checks.at(-1)!.rps} req/s p99 ${checks.at(-1)!.p99} ms (${checks.at(-1)!.non2xx} non-2xx); SELECT ${selects.at(-1)} TPS`);

      const secrets = await requesters(database, REQUESTS_PER_RUN, `${i}-${Date.now().toString(36)}`);
      let next = 0;
      const began = performance.now();
      const created = await cannon(server, {
        url: `http://127.0.0.1:${PORT}/api/v1/requests`,
        amount: REQUESTS_PER_RUN,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, 'content-type': 'application/json', authorization: `Bearer ${secrets[next++ % secrets.length]}` },
              body: JSON.stringify({ resource: 'feature-flags', role: 'admin', durationMinutes: 30, justification: 'benchmark run' }),
            }),
          },
        ],
      });
      // autocannon's average counts whole seconds; for a bounded amount the wall time is the honest rate.
      created.rps = round(REQUESTS_PER_RUN / ((performance.now() - began) / 1000), 0);
      creates.push(created);
      inserts.push(await pgbench(database, REQUEST_SQL, { user: alice.id, entitlement: entitlement.id }, CHECK_SECONDS));
      ctx.log(`api: run ${i + 1}: create ${created.rps} req/s p50 ${created.p50} ms (${created.non2xx} non-2xx); insert transaction ${inserts.at(-1)} TPS`);
    }
    // Every request answered 201 must be an auto-approved one (a client timeout on a saturated machine is counted in non2xx, not here).
    const answered = REQUESTS_PER_RUN * ctx.repeats - creates.reduce((sum, c) => sum + c.non2xx, 0);
    const autoApproved = await db.accessRequest.count({ where: { autoApproved: true, requester: { email: { startsWith: 'bench-' } } } });
    if (autoApproved < answered) throw new Error(`api: ${autoApproved} requests were auto-approved, but ${answered} were answered`);

    const rps = median(checks.map((c) => c.rps));
    const p99 = median(checks.map((c) => c.p99));
    ctx.report({ name: 'api.check.timebox_rps', value: rps, unit: 'req/s', detail: { runs: checks, connections: CONNECTIONS } });
    ctx.report({ name: 'api.check.timebox_p99', value: p99, unit: 'ms', goal: '≤ 20 ms', met: p99 <= 20 });
    ctx.report({ name: 'api.check.server_cpu_per_request', value: median(checks.map((c) => c.cpuMsPerRequest)), unit: 'ms' });
    ctx.report({ name: 'api.check.postgres_alone_tps', value: median(selects), unit: 'TPS', detail: { runs: selects } });
    const checkRatio = round(rps / median(selects), 3);
    ctx.report({ name: 'api.check.ratio', value: checkRatio, unit: 'x', goal: '≥ 0.25', met: checkRatio >= 0.25 });
    const createRps = median(creates.map((c) => c.rps));
    ctx.report({ name: 'api.create_request.timebox_rps', value: createRps, unit: 'req/s', detail: { runs: creates, connections: CONNECTIONS, p50: median(creates.map((c) => c.p50)) } });
    ctx.report({ name: 'api.create_request.server_cpu_per_request', value: median(creates.map((c) => c.cpuMsPerRequest)), unit: 'ms' });
    ctx.report({ name: 'api.create_request.postgres_alone_tps', value: median(inserts), unit: 'TPS', detail: { runs: inserts } });
    const createRatio = round(createRps / median(inserts), 3);
    ctx.report({ name: 'api.create_request.ratio', value: createRatio, unit: 'x', goal: '≥ 0.25', met: createRatio >= 0.25 });
  } finally {
    await stopRunning();
    await database.drop();
  }
}
