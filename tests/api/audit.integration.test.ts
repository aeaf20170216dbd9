import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as eventRoute from '@/app/api/v1/audit/events/[id]/route';
import * as exportRoute from '@/app/api/v1/audit/export/route';
import * as timelineRoute from '@/app/api/v1/audit/grants/[id]/route';
import * as listRoute from '@/app/api/v1/audit/route';
import * as verifyRoute from '@/app/api/v1/audit/verify/route';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { appendAudit, appendAuditMany } from '@/lib/audit/append';
import { appendAuditAt } from '@/lib/testing/audit-history';
import { listAuditEvents } from '@/lib/audit/audit-service';
import { CSV_COLUMNS } from '@/lib/audit/export-format';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';

// The audit API end to end, in-process: real route handlers, a real database, tokens made through
// the token service. Who may read (auditors, admins, with the `audit` scope), what the filters and
// cursors return, what the export streams, and what the verify endpoint says.

let h: ApiHarness;
const tokens: Record<string, string> = {};
const list = listRoute.GET as Handler;

beforeAll(async () => {
  h = await createApiHarness();
  tokens.dave = await h.token('dave@example.com', ['audit']);
  tokens.carol = await h.token('carol@example.com', ['audit', 'activity']);
  tokens.daveNoAudit = await h.token('dave@example.com', ['requests']);
  tokens.alice = await h.token('alice@example.com', ['requests', 'grants']);
});
afterAll(async () => h?.close());

const get = (handler: Handler, path: string, token: string, params?: Record<string, string>) => call(handler, path, { token, params });

/** The raw body of a streamed response (call() parses JSON; exports are not JSON). */
async function download(path: string, token: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await (exportRoute.GET as Handler)(new Request(`http://test${path}`, { headers: { authorization: `Bearer ${token}` } }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('who may read the trail', () => {
  it('lets auditors and admins read with the audit scope', async () => {
    expect((await get(list, '/api/v1/audit', tokens.dave!)).status).toBe(200);
    expect((await get(list, '/api/v1/audit', tokens.carol!)).status).toBe(200);
    expect((await get(verifyRoute.GET as Handler, '/api/v1/audit/verify', tokens.dave!)).status).toBe(200);
  });

  it('refuses members (403) and tokens without the audit scope (403), on every audit endpoint', async () => {
    const grant = await h.database.db.grant.findFirst();
    const event = await h.database.db.auditEvent.findFirstOrThrow();
    for (const token of [tokens.alice!, tokens.daveNoAudit!]) {
      expect((await get(list, '/api/v1/audit', token)).json.error.code).toBe('forbidden');
      expect((await get(verifyRoute.GET as Handler, '/api/v1/audit/verify', token)).status).toBe(403);
      expect((await get(eventRoute.GET as Handler, `/api/v1/audit/events/${event.id}`, token, { id: event.id })).status).toBe(403);
      const grantId = grant?.id ?? event.id;
      expect((await get(timelineRoute.GET as Handler, `/api/v1/audit/grants/${grantId}`, token, { id: grantId })).status).toBe(403);
      const exported = await download('/api/v1/audit/export?format=csv', token);
      expect(exported.status).toBe(403);
      expect(JSON.parse(exported.text).error.code).toBe('forbidden');
    }
    expect((await get(list, '/api/v1/audit', 'tbx_not-a-token')).status).toBe(401);
  });

  it('refuses a signed-in member in the service itself (not just at the token check)', async () => {
    await expectAppError(listAuditEvents(h.deps, await h.ctxOf('alice@example.com'), {}), 'forbidden');
    await expectAppError(listAuditEvents(h.deps, await h.ctxOf('bob@example.com'), {}), 'forbidden');
    expect((await listAuditEvents(h.deps, await h.ctxOf('dave@example.com'), { limit: 1 })).items).toHaveLength(1);
  });

  it('stops honouring a token whose user is no longer an auditor', async () => {
    const token = await h.token('erin@example.com', ['requests']);
    await h.database.db.user.update({ where: { email: 'erin@example.com' }, data: { role: 'auditor' } });
    const auditToken = await h.token('erin@example.com', ['audit']);
    expect((await get(list, '/api/v1/audit', auditToken)).status).toBe(200);
    await h.database.db.user.update({ where: { email: 'erin@example.com' }, data: { role: 'member' } });
    expect((await get(list, '/api/v1/audit', auditToken)).status).toBe(403);
    expect((await get(list, '/api/v1/audit', token)).status).toBe(403);
  });
});

describe('filters and keyset pages', () => {
  const ids = { grantA: crypto.randomUUID(), grantB: crypto.randomUUID(), requestA: crypto.randomUUID() };
  let flags: { id: string };

  beforeAll(async () => {
    const { db } = h.database;
    flags = await db.resource.findUniqueOrThrow({ where: { slug: 'feature-flags' }, select: { id: true } });
    const bob = await db.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } });
    // 60 events over three actions, two actors, one resource; signed like the services' (appendAuditAt dates them in the past).
    for (let i = 0; i < 60; i++) {
      await appendAuditAt(
        db,
        rawAuditEvent({
          actorId: i % 3 === 0 ? bob.id : null,
          actorLabel: i % 3 === 0 ? bob.email : 'system:scheduler',
          action: ['grant.activated', 'grant.expired', 'request.created'][i % 3]!,
          resourceId: i % 2 === 0 ? flags.id : null,
          grantId: i % 5 === 0 ? ids.grantA : ids.grantB,
          requestId: i % 4 === 0 ? ids.requestA : null,
          data: i % 3 === 2 ? { justification: i === 32 ? 'Rotate 100%_of keys (INC-77)' : `routine ${i}`, ticket: `OPS-${i}` } : {},
        }),
        new Date(Date.UTC(2026, 9, 1 + Math.floor(i / 10), 12)),
      );
    }
  });

  /** Follows "Older" cursors to the end, inserting a matching event before every page fetch. */
  async function pageAll(query: string, limit: number, arrive?: () => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await get(list, `/api/v1/audit?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, tokens.dave!);
      expect(page.status).toBe(200);
      seen.push(...page.json.items.map((e: { id: string }) => e.id));
      cursor = page.json.nextCursor;
      if (!cursor) return seen;
      await arrive?.();
    }
    throw new Error('paging did not end');
  }

  it('returns every matching event exactly once across pages while new events arrive', async () => {
    const { db } = h.database;
    const expected = await db.auditEvent.findMany({ where: { action: { startsWith: 'grant.' }, resourceId: flags.id }, orderBy: { seq: 'desc' }, select: { id: true } });
    expect(expected.length).toBe(20);
    let arrived = 0;
    const seen = await pageAll('action=grant.&resource=feature-flags', 3, async () => {
      arrived += 1;
      await db.$transaction((tx) => appendAudit(tx, rawAuditEvent({ actorLabel: 'system:scheduler', action: 'grant.expired', resourceId: flags.id })));
    });
    expect(arrived).toBeGreaterThan(5);
    expect(seen).toEqual(expected.map((e) => e.id)); // each once, newest first, none of the newcomers
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages back with "Newer" to the same pages, and lands on a full newest page', async () => {
    const q = 'grantId=' + ids.grantB + '&limit=4';
    const first = (await get(list, `/api/v1/audit?${q}`, tokens.dave!)).json;
    expect(first.prevCursor).toBeNull();
    const second = (await get(list, `/api/v1/audit?${q}&cursor=${first.nextCursor}`, tokens.dave!)).json;
    const third = (await get(list, `/api/v1/audit?${q}&cursor=${second.nextCursor}`, tokens.dave!)).json;
    const back = (await get(list, `/api/v1/audit?${q}&cursor=${third.prevCursor}`, tokens.dave!)).json;
    expect(back.items.map((e: { id: string }) => e.id)).toEqual(second.items.map((e: { id: string }) => e.id));
    const top = (await get(list, `/api/v1/audit?${q}&cursor=${back.prevCursor}`, tokens.dave!)).json;
    expect(top.items.map((e: { id: string }) => e.id)).toEqual(first.items.map((e: { id: string }) => e.id));
    expect(top.prevCursor).toBeNull();
  });

  it('answers 400 naming the cursor when it decodes to a seq past bigint (was a 500, PostgreSQL 22003)', async () => {
    for (const text of ['o9999999999999999999', 'n9223372036854775808']) {
      const res = await get(list, `/api/v1/audit?cursor=${Buffer.from(text).toString('base64url')}`, tokens.dave!);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/^cursor: /);
    }
  });

  it('filters by actor (e-mail or label), action, resource, request, grant, time and text', async () => {
    const count = async (query: string) => (await pageAll(query, 200)).length;
    expect(await count('actor=bob%40example.com&grantId=' + ids.grantB)).toBe(16);
    expect(await count('actor=BOB%40example.com&grantId=' + ids.grantB)).toBe(16);
    expect(await count('actor=system%3Ascheduler&grantId=' + ids.grantA)).toBe(8);
    expect(await count('action=request.created&grantId=' + ids.grantB)).toBe(16);
    expect(await count('action=request.*&grantId=' + ids.grantB)).toBe(16);
    expect(await count('resource=feature-flags&requestId=' + ids.requestA)).toBe(15);
    expect(await count('grantId=' + ids.grantA)).toBe(12);
    expect(await count('from=2026-10-02&to=2026-10-03&grantId=' + ids.grantB)).toBe(16);
    expect(await count('from=2026-10-02T12:00:00Z&to=2026-10-02T12:00:00Z&grantId=' + ids.grantB)).toBe(8);
    expect(await count('q=routine%2017&grantId=' + ids.grantB)).toBe(1);
    expect(await count('q=ROUTINE')).toBe(19);
    expect(await count('q=ops-4')).toBeGreaterThan(0);
    // LIKE wildcards in the text are literal.
    const literal = await get(list, `/api/v1/audit?q=${encodeURIComponent('100%_of')}`, tokens.dave!);
    expect(literal.json.items.map((e: { data: { justification: string } }) => e.data.justification)).toEqual(['Rotate 100%_of keys (INC-77)']);
    expect(await count('q=100%25%25')).toBe(0);
    // An unknown resource or actor matches nothing (rather than everything).
    expect(await count('resource=no-such-thing')).toBe(0);
    expect(await count('actor=nobody%40example.com')).toBe(0);
  });

  it('answers items with slugs and string seqs, and 400 for bad input', async () => {
    const page = await get(list, `/api/v1/audit?resource=feature-flags&limit=1`, tokens.dave!);
    expect(page.json.items[0]).toMatchObject({ resource: 'feature-flags', resourceId: flags.id, seq: expect.stringMatching(/^\d+$/) });
    for (const query of ['cursor=bm90LWEtY3Vyc29y', 'limit=0', 'limit=500', 'from=yesterday', 'grantId=42', 'action=DROP%20TABLE', 'unknown=1']) {
      const bad = await get(list, `/api/v1/audit?${query}`, tokens.dave!);
      expect(bad.status, query).toBe(400);
      expect(bad.json.error.code).toBe('bad_request');
    }
  });

  it('shows one event by id, 404 for an unknown one', async () => {
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { grantId: ids.grantA } });
    const found = await get(eventRoute.GET as Handler, `/api/v1/audit/events/${event.id}`, tokens.dave!, { id: event.id });
    expect(found.json.event).toMatchObject({ id: event.id, grantId: ids.grantA });
    const missing = crypto.randomUUID();
    expect((await get(eventRoute.GET as Handler, `/api/v1/audit/events/${missing}`, tokens.dave!, { id: missing })).status).toBe(404);
  });
});

describe('export', () => {
  beforeAll(async () => {
    // More than one NDJSON page (2,000), written in bulk; CSV pages hold 5,000 (page boundaries: export-stream.integration.test.ts).
    const formula = { justification: '=HYPERLINK("http://evil.example","click")', ticket: '+1-555' };
    const events = Array.from({ length: 2100 }, (_, i) => rawAuditEvent({ actorLabel: 'system:bulk', action: 'test.bulk', data: i === 7 ? formula : { justification: `bulk, "row" ${i}\nline two` } }));
    // 2,100 signed rows in one transaction: seconds on a busy machine, past Prisma's 5 s default (seen on CI).
    await h.database.db.$transaction((tx) => appendAuditMany(tx, events), { timeout: 60_000 });
  });

  it('streams the whole filtered trail as an RFC 4180 CSV attachment, formulas neutralised', async () => {
    const res = await download('/api/v1/audit/export?format=csv&action=test.bulk', tokens.dave!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="timebox-audit-[0-9TZ-]+\.csv"$/);
    const rows: string[][] = parse(res.text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2101);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const seqs = rows.slice(1).map((r) => BigInt(r[col('seq')]!));
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true); // oldest first, no repeats
    expect(rows[1]![col('justification')]).toBe('bulk, "row" 0\nline two');
    const evil = rows.find((r) => r[col('justification')]!.includes('HYPERLINK'))!;
    expect(evil[col('justification')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(evil[col('ticket')]).toBe(`'+1-555`);
    // Sealed before the export: every row carries its chain columns.
    expect(rows.slice(1).every((r) => /^[0-9a-f]{64}$/.test(r[col('hash')]!))).toBe(true);
  });

  it('streams NDJSON, one event per line, and records who exported what', async () => {
    const res = await download('/api/v1/audit/export?format=ndjson&action=test.bulk', tokens.carol!);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = res.text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2100);
    expect(lines[7].data.justification).toBe('=HYPERLINK("http://evil.example","click")');
    const exported = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'audit.exported' }, orderBy: { seq: 'desc' } });
    expect(exported).toMatchObject({ actorLabel: expect.stringContaining('carol@example.com'), data: { format: 'ndjson', filters: { action: 'test.bulk' } } });
  });

  it('answers an empty export with the header alone, and 400 for a bad format', async () => {
    const empty = await download('/api/v1/audit/export?resource=no-such-thing', tokens.dave!);
    expect(parse(empty.text)).toEqual([[...CSV_COLUMNS]]);
    expect((await download('/api/v1/audit/export?format=xlsx', tokens.dave!)).status).toBe(400);
  });
});

describe('verify endpoint', () => {
  it('seals and checks the whole chain, and checks an anchor', async () => {
    const res = await get(verifyRoute.GET as Handler, '/api/v1/audit/verify', tokens.dave!);
    const total = await h.database.db.auditEvent.count();
    expect(res.json).toMatchObject({ ok: true, unsealed: 0 });
    expect(res.json.checked).toBe(total);
    const anchor = `${res.json.head.chainIndex}:${res.json.head.hash}`;
    expect((await get(verifyRoute.GET as Handler, `/api/v1/audit/verify?anchor=${anchor}`, tokens.dave!)).json.ok).toBe(true);
    const wrong = `${res.json.head.chainIndex}:${'0'.repeat(64)}`;
    expect((await get(verifyRoute.GET as Handler, `/api/v1/audit/verify?anchor=${wrong}`, tokens.dave!)).json).toMatchObject({ ok: false, reason: 'anchor-mismatch' });
  });
});
