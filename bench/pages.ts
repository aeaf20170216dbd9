// The `pages` group: the built server (`next start`) on a throw-away PostgreSQL database holding 2,000
// requests pending for one approver, 1,000 people and ~200k audit events, at 4 clients:
//  - /inbox as the approver (bob) and /audit's first page as an auditor (dave): views/s, server CPU and
//    bytes per view (autocannon), and time to first byte p50/p99 (a node:http sampler: autocannon times
//    whole responses, and streaming only moves the first byte);
//  - the same data work done by PostgreSQL alone (pg, 4 clients): the statements a view needs at least —
//    the actor, the first page of rows and what goes with them;
//  - the server CPU of a view made by a browser (Chromium), which adds whatever the page fetches by itself.
// Needs a production build in TIMEBOX_DIST_DIR (default .next-bench; `TIMEBOX_DIST_DIR=.next-bench npm run build`).
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { seedAuditVolume } from '@/lib/audit/seed-volume';
import { overrideAuditSigningKey } from '@/lib/audit/signing-key';
import { seedDemo } from '@/lib/seed/seed-demo';
import { browserViews } from './browser-views';
import { type BenchContext, median, round } from './measure';
import { cannon, type Load, startServer, stopServer } from './next-server';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-db';

const CLIENTS = 4;
/** Views per measurement: a fixed number, so none is cut off mid-answer and the CPU they cost is theirs alone. */
const VIEWS = 48;
/** A serving instance is warm: the JIT settles over the first ~100 views (CPU per view fell ~30 % between 8 and 200). */
const WARM_UP_VIEWS = 200;
/** How long PostgreSQL alone repeats a view's statements. */
const SQL_SECONDS = 8;
const PEOPLE = 1_000;
const PENDING = 2_000;
const AUDIT_EVENTS = 200_000;
const PORT = 3918;
const TTFB_GOAL = { p50: 100, p99: 300 };
const CPU_GOAL_MS = 20;
/** Views a browser makes of each page, after one to warm up. */
const BROWSER_VIEWS = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0, 1);
};

/** `clients` loops timing `view` back to back, until `done`; the times in ms. */
async function loop(clients: number, done: (count: number) => boolean, view: (client: number) => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  let started = 0;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    while (!done(started)) {
      started++;
      times.push(await view(client));
    }
  }));
  return times;
}

/** Time to the response's first bytes (its status line and headers), per view, at CLIENTS clients. */
async function sampleTtfb(url: string, cookie: string): Promise<{ p50: number; p99: number; views: number; viewsPerSecond: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const sampling = performance.now();
    const times = await loop(CLIENTS, (n) => n >= VIEWS, () => new Promise<number>((resolve, reject) => {
      const began = performance.now();
      http.get(url, { agent, headers: { cookie } }, (res) => {
        const firstByte = performance.now() - began;
        if (res.statusCode !== 200) reject(new Error(`pages: ${url} answered ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve(firstByte)).on('error', reject);
      }).on('error', reject);
    }));
    // Each view is read to its end, so the loop's wall time is the rate of whole views.
    return { p50: percentile(times, 50), p99: percentile(times, 99), views: times.length, viewsPerSecond: round(times.length / ((performance.now() - sampling) / 1000), 2) };
  } finally {
    agent.destroy();
  }
}

/** What /inbox needs at least: the actor, the oldest 50 decidable requests with their people, role and policy, their reviews, and how many wait. */
const INBOX_WHERE = `r.status = 'pending' AND r."expiresAt" > now() AND r."requesterId" <> $1 AND p."approverGroups" && $2::text[]
  AND NOT EXISTS (SELECT 1 FROM "Review" v WHERE v."requestId" = r.id AND v."reviewerId" = $1)`;
const INBOX_FROM = `"AccessRequest" r JOIN "Entitlement" e ON e.id = r."entitlementId" JOIN "Policy" p ON p."entitlementId" = e.id`;
const inboxStatements = (userId: string, groups: string[]) => [
  { text: ACTOR_SQL, values: [userId] },
  {
    text: `SELECT r.*, u.email, u.name, e.role, s.slug, s.name AS "resourceName", s.kind, p."requiredApprovals", p."approverGroups"
             FROM ${INBOX_FROM} JOIN "User" u ON u.id = r."requesterId" JOIN "Resource" s ON s.id = e."resourceId"
            WHERE ${INBOX_WHERE} ORDER BY r."createdAt", r.id LIMIT 51`,
    values: [userId, groups],
  },
  { text: `SELECT v.*, u.email, u.name FROM "Review" v JOIN "User" u ON u.id = v."reviewerId" WHERE v."requestId" = ANY($1::uuid[])`, values: [[] as string[]] },
  { text: `SELECT count(*) FROM ${INBOX_FROM} WHERE ${INBOX_WHERE}`, values: [userId, groups] },
];

/** What /audit's first page needs at least: the actor, the resources for the filter, the newest 50 events and their resources' slugs. */
const auditStatements = (userId: string) => [
  { text: ACTOR_SQL, values: [userId] },
  { text: `SELECT slug, name, "archivedAt" FROM "Resource" ORDER BY slug`, values: [] },
  {
    text: `SELECT "id", "seq", "occurredAt", "actorId", "actorLabel", "action", "resourceId", "entitlementId", "requestId", "grantId", "tokenId", "statusFrom", "statusTo", "ip", "userAgent", "data", "chainIndex", "prevHash", "hash"
             FROM "AuditEvent" ORDER BY seq DESC LIMIT 51`,
    values: [],
  },
  { text: `SELECT id, slug FROM "Resource" WHERE id = ANY(SELECT DISTINCT "resourceId" FROM (SELECT "resourceId" FROM "AuditEvent" ORDER BY seq DESC LIMIT 51) t)`, values: [] },
];

/** lib/auth/actor-query.ts's statement for one user, as every view runs it. */
const ACTOR_SQL = `SELECT a.*, EXISTS (SELECT 1 FROM "Policy" p JOIN "Entitlement" e ON e.id = p."entitlementId" JOIN "Resource" r ON r.id = e."resourceId"
                    WHERE p."approverGroups" && a.groups AND e."archivedAt" IS NULL AND r."archivedAt" IS NULL) AS "isApprover"
  FROM (SELECT u.id, u.email, u.name, u.role::text AS role, COALESCE(array_agg(g.name) FILTER (WHERE g.name IS NOT NULL), ARRAY[]::text[]) AS groups
          FROM "User" u LEFT JOIN "GroupMembership" m ON m."userId" = u.id LEFT JOIN "Group" g ON g.id = m."groupId"
         WHERE u.id = $1::uuid AND u."disabledAt" IS NULL GROUP BY u.id) a`;

/** The statements of one view, back to back on one connection per client. */
async function sampleSql(database: ThrowawayDatabase, statements: { text: string; values: unknown[] }[]): Promise<{ p50: number; p99: number; viewsPerSecond: number }> {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return client;
  }));
  try {
    const began = performance.now();
    const until = began + SQL_SECONDS * 1000;
    const times = await loop(CLIENTS, () => performance.now() >= until, async (i) => {
      const start = performance.now();
      for (const s of statements) await clients[i]!.query(s.text, s.values);
      return performance.now() - start;
    });
    return { p50: percentile(times, 50), p99: percentile(times, 99), viewsPerSecond: round(times.length / ((performance.now() - began) / 1000), 1) };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** The demo organisation, PEOPLE more engineers, PENDING requests waiting for sre-leads (bob), and the audit history. */
async function seed(database: ThrowawayDatabase, ctx: BenchContext): Promise<void> {
  const { db } = database;
  await seedDemo(db);
  const engineering = await db.group.findUniqueOrThrow({ where: { name: 'engineering' } });
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: crypto.randomUUID(), email: `person-${String(i).padStart(4, '0')}@example.com`, name: `Person ${i}`, source: 'seed' }));
  await db.user.createMany({ data: people });
  await db.groupMembership.createMany({ data: people.map((u) => ({ userId: u.id, groupId: engineering.id })) });
  const entitlements = await db.entitlement.findMany({ where: { policy: { approverGroups: { has: 'sre-leads' } } }, select: { id: true }, orderBy: { id: 'asc' } });
  const now = Date.now();
  await db.accessRequest.createMany({
    data: Array.from({ length: PENDING }, (_, i) => ({
      requesterId: people[i % PEOPLE]!.id,
      entitlementId: entitlements[i % entitlements.length]!.id,
      durationMinutes: 30,
      justification: `benchmark request ${i}: look at last night's orders`,
      // Distinct times, so the queue has one order (and a few share a second, as real ones do).
      createdAt: new Date(now - (PENDING - i) * 1000),
      expiresAt: new Date(now + 86_400_000),
    })),
  });
  const key = crypto.randomBytes(32).toString('hex');
  overrideAuditSigningKey(key);
  process.env.AUDIT_SIGNING_KEY = key;
  const seeded = await seedAuditVolume(db, { events: AUDIT_EVENTS, days: 180 });
  ctx.log(`pages: seeded ${PENDING} pending requests, ${PEOPLE} people, ${seeded.inserted} audit events (${seeded.rowsPerSecond} rows/s)`);
  await db.$executeRawUnsafe('ANALYZE');
}

/** A next-auth session cookie for `email`, as signing in would set it (lib/auth/options.ts's claims). */
async function sessionCookie(database: ThrowawayDatabase, secret: string, email: string): Promise<{ cookie: string; userId: string; groups: string[] }> {
  const user = await database.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, sessionVersion: true, memberships: { select: { group: { select: { name: true } } } } } });
  const token = await encode({ token: { sub: user.id, email, uid: user.id, sv: user.sessionVersion, sat: Math.floor(Date.now() / 1000) }, secret });
  return { cookie: `next-auth.session-token=${token}`, userId: user.id, groups: user.memberships.map((m) => m.group.name) };
}

interface PageRun {
  load: Load;
  ttfb: { p50: number; p99: number; views: number; viewsPerSecond: number };
  sql: { p50: number; p99: number; viewsPerSecond: number };
}

export async function runPagesBench(ctx: BenchContext): Promise<void> {
  const database = await createThrowawayDatabase();
  let server: ChildProcess | null = null;
  try {
    await seed(database, ctx);
    const secret = crypto.randomBytes(32).toString('hex');
    server = await startServer({ database, port: PORT, label: 'pages', env: { AUTH_SECRET: secret, AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY! } });
    const approver = await sessionCookie(database, secret, 'bob@example.com');
    const auditor = await sessionCookie(database, secret, 'dave@example.com');
    const pages = [
      { name: 'inbox', url: `http://127.0.0.1:${PORT}/inbox`, who: approver, rows: /data-request-id="/g, statements: inboxStatements(approver.userId, approver.groups) },
      { name: 'audit', url: `http://127.0.0.1:${PORT}/audit`, who: auditor, rows: /href="\/audit\/events\//g, statements: auditStatements(auditor.userId) },
    ];
    const rows: Record<string, number> = {};
    for (const page of pages) {
      // One view first: it must be the page itself (not the sign-in redirect), with rows in it.
      const response = await fetch(page.url, { headers: { cookie: page.who.cookie }, redirect: 'manual' });
      const html = await response.text();
      rows[page.name] = html.match(page.rows)?.length ?? 0;
      if (response.status !== 200 || rows[page.name] === 0) throw new Error(`pages: ${page.url} answered ${response.status} with ${rows[page.name]} rows`);
      // Warm-up: compile, pool, and enough views for the JIT to settle.
      await cannon(server, CLIENTS, { url: page.url, headers: { cookie: page.who.cookie }, amount: WARM_UP_VIEWS });
    }

    const runs: Record<string, PageRun[]> = { inbox: [], audit: [] };
    for (let i = 0; i < ctx.repeats; i++) {
      for (const page of pages) {
        const load = await cannon(server, CLIENTS, { url: page.url, headers: { cookie: page.who.cookie }, amount: VIEWS });
        // Views/s come from the sampler's own wall time, not autocannon's rps: autocannon ends a bounded run
        // on its next whole-second tick (24 views in 0.4 s read as ~24 views/s).
        const ttfb = await sampleTtfb(page.url, page.who.cookie);
        const sql = await sampleSql(database, page.statements);
        runs[page.name]!.push({ load, ttfb, sql });
        if (load.non2xx) throw new Error(`pages: ${page.url} answered ${load.non2xx} non-2xx under load`);
        ctx.log(`pages: run ${i + 1} ${page.name}: ${ttfb.viewsPerSecond} views/s, TTFB p50 ${ttfb.p50} ms p99 ${ttfb.p99} ms, ${load.cpuMsPerRequest} ms CPU, ${load.bytesPerRequest} B; SQL alone ${sql.viewsPerSecond} views/s p50 ${sql.p50} ms`);
      }
    }

    for (const page of pages) {
      const seen = await browserViews(server.pid!, page.url, page.who.cookie, BROWSER_VIEWS);
      if ('skipped' in seen) {
        ctx.log(`pages: ${page.name} in a browser: not measured (${seen.skipped})`);
        continue;
      }
      ctx.log(`pages: ${page.name} in a browser: ${seen.cpuMsPerView} ms server CPU a view, ${seen.requestsPerView} requests (${seen.prefetchesPerView} prefetches)`);
      const name = `pages.${page.name}`;
      ctx.report({ name: `${name}.server_cpu_per_browser_view`, value: seen.cpuMsPerView, unit: 'ms', detail: { views: BROWSER_VIEWS, requests: seen.requestsPerView } });
      ctx.report({ name: `${name}.prefetches_per_browser_view`, value: seen.prefetchesPerView, unit: 'requests' });
    }

    for (const page of pages) {
      const r = runs[page.name]!;
      const m = (pick: (run: PageRun) => number) => median(r.map(pick));
      const name = `pages.${page.name}`;
      const ttfbP50 = m((x) => x.ttfb.p50);
      const ttfbP99 = m((x) => x.ttfb.p99);
      const cpu = m((x) => x.load.cpuMsPerRequest);
      ctx.report({ name: `${name}.ttfb_p50`, value: ttfbP50, unit: 'ms', goal: `≤ ${TTFB_GOAL.p50} ms`, met: ttfbP50 <= TTFB_GOAL.p50, detail: { runs: r.map((x) => x.ttfb), clients: CLIENTS } });
      ctx.report({ name: `${name}.ttfb_p99`, value: ttfbP99, unit: 'ms', goal: `≤ ${TTFB_GOAL.p99} ms`, met: ttfbP99 <= TTFB_GOAL.p99 });
      ctx.report({ name: `${name}.views_per_second`, value: m((x) => x.ttfb.viewsPerSecond), unit: 'views/s', detail: { runs: r.map((x) => x.ttfb.viewsPerSecond), clients: CLIENTS } });
      ctx.report({ name: `${name}.server_cpu_per_view`, value: cpu, unit: 'ms', goal: `≤ ${CPU_GOAL_MS} ms`, met: cpu <= CPU_GOAL_MS, detail: { runs: r.map((x) => x.load) } });
      ctx.report({ name: `${name}.bytes_per_view`, value: m((x) => x.load.bytesPerRequest), unit: 'B' });
      ctx.report({ name: `${name}.rows_per_view`, value: rows[page.name]!, unit: 'rows' });
      ctx.report({ name: `${name}.postgres_alone_p50`, value: m((x) => x.sql.p50), unit: 'ms', detail: { runs: r.map((x) => x.sql), clients: CLIENTS } });
      ctx.report({ name: `${name}.postgres_alone_views_per_second`, value: m((x) => x.sql.viewsPerSecond), unit: 'views/s' });
      ctx.report({ name: `${name}.ratio`, value: round(m((x) => x.ttfb.viewsPerSecond) / m((x) => x.sql.viewsPerSecond), 3), unit: 'x' });
    }
  } finally {
    if (server) await stopServer(server);
    await database.drop();
  }
}
