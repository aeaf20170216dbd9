import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activityRoute from '@/app/api/v1/activity/route';
import * as timelineRoute from '@/app/api/v1/audit/grants/[id]/route';
import { requestAccessInput } from '@/lib/domain/request-input';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';
import { revokeGrant } from '@/lib/services/grants/revoke-grant';
import { requestAccess } from '@/lib/services/requests/request-access';

// Reported activity end to end: a target reports what a principal did, Timebox links it to the grant
// live at that moment (or flags it), and the grant's timeline shows it in its place.
//
// The trail's own events are stamped by the database clock, grants by the service clock: this file
// keeps the service clock on real time (moved forward explicitly, never slept) so both read alike.

let h: ApiHarness;
const tokens: Record<string, string> = {};
const post = (body: unknown, token = tokens.reporter!) => call(activityRoute.POST as Handler, '/api/v1/activity', { method: 'POST', token, body });
const timeline = (grantId: string, token = tokens.auditor!) => call(timelineRoute.GET as Handler, `/api/v1/audit/grants/${grantId}`, { token, params: { id: grantId } });

/** The service clock, set to the wall clock and strictly later than any instant handed out before. */
let last = 0;
function now(): Date {
  while (Date.now() <= last) {
    /* a millisecond at most */
  }
  last = Date.now();
  h.clock.set(new Date(last));
  return new Date(last);
}

let grantId: string;
let requestId: string;
const reports: Record<string, { linkedGrantId: string | null; outsideGrant: boolean }> = {};

beforeAll(async () => {
  h = await createApiHarness();
  tokens.reporter = await h.token('carol@example.com', ['activity']);
  tokens.carolAuditOnly = await h.token('carol@example.com', ['audit']);
  tokens.auditor = await h.token('dave@example.com', ['audit']);

  now();
  const input = requestAccessInput.parse({ resource: 'api-test-flags', role: 'admin', durationMinutes: 30 });
  const request = await requestAccess(h.deps, await h.ctxOf('alice@example.com'), input);
  grantId = request.grant!.id;
  requestId = request.id;
  // What a database connector writes after provisioning: the per-grant login role.
  await h.database.db.grant.update({ where: { id: grantId }, data: { targetState: { principal: 'tbx_0123456789ab' } } });
});
afterAll(async () => h?.close());

const report = async (name: string, body: Record<string, unknown>) => {
  const res = await post({ resource: 'api-test-flags', kind: 'sql', detail: `${name}: SELECT 1`, ...body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  reports[name] = { linkedGrantId: res.json.linkedGrantId, outsideGrant: res.json.outsideGrant };
  return res.json;
};

describe('POST /api/v1/activity', () => {
  it('links activity inside the grant window, by principal, SSH key id or user', async () => {
    expect(await report('by principal', { principal: 'tbx_0123456789ab', at: now().toISOString() })).toMatchObject({ linkedGrantId: grantId, outsideGrant: false, eventId: expect.any(String) });
    expect(await report('by key id', { principal: `timebox:${grantId}:alice@example.com`, kind: 'ssh.command', at: now().toISOString() })).toMatchObject({ linkedGrantId: grantId, outsideGrant: false });
    expect(await report('by user', { user: 'Alice@Example.com', at: now().toISOString() })).toMatchObject({ linkedGrantId: grantId, outsideGrant: false });
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'activity.reported', grantId }, orderBy: { seq: 'asc' } });
    expect(event).toMatchObject({ requestId, data: { kind: 'sql', detail: 'by principal: SELECT 1', principal: 'tbx_0123456789ab', outsideGrant: false } });
  });

  it('flags activity outside every grant: before it, by someone else, by an unknown principal', async () => {
    const before = new Date(Date.now() - 3_600_000).toISOString();
    // The role belongs to this grant, so the out-of-window use is shown on its timeline.
    expect(await report('principal before', { principal: 'tbx_0123456789ab', at: before })).toMatchObject({ linkedGrantId: grantId, outsideGrant: true });
    expect(await report('user before', { user: 'alice@example.com', at: before })).toMatchObject({ linkedGrantId: null, outsideGrant: true });
    expect(await report('other user', { user: 'bob@example.com', at: now().toISOString() })).toMatchObject({ linkedGrantId: null, outsideGrant: true });
    expect(await report('unknown principal', { principal: 'tbx_ffffffffffff', at: now().toISOString() })).toMatchObject({ linkedGrantId: null, outsideGrant: true });
    expect(await report('unknown user', { user: 'mallory@example.com', at: now().toISOString() })).toMatchObject({ linkedGrantId: null, outsideGrant: true });
    // The trail records when the report arrived (the database's clock); the time it claims is kept as data.
    const early = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'activity.reported', data: { path: ['detail'], equals: 'principal before: SELECT 1' } } });
    expect(early.data).toMatchObject({ reportedAt: before });
    expect(early.occurredAt.getTime()).toBeGreaterThan(Date.parse(before) + 3_000_000);
  });

  it('flags use of the grant’s role after the grant was revoked', async () => {
    now();
    await revokeGrant(h.deps, await h.ctxOf('alice@example.com'), { grantId, reason: 'done' });
    expect((await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).status).toBe('revoked');
    expect(await report('principal after', { principal: 'tbx_0123456789ab', at: now().toISOString() })).toMatchObject({ linkedGrantId: grantId, outsideGrant: true });
    expect(await report('user after', { user: 'alice@example.com', at: now().toISOString() })).toMatchObject({ linkedGrantId: null, outsideGrant: true });
  });

  it('refuses tokens without the activity scope, bad input, unknown resources and future times', async () => {
    const at = now().toISOString();
    expect((await post({ resource: 'api-test-flags', user: 'alice@example.com', at, kind: 'sql' }, tokens.carolAuditOnly)).status).toBe(403);
    expect((await post({ resource: 'api-test-flags', user: 'alice@example.com', at, kind: 'sql' }, tokens.auditor)).status).toBe(403);
    const bad = [
      { resource: 'api-test-flags', at, kind: 'sql' }, // neither principal nor user
      { resource: 'api-test-flags', user: 'a@example.com', principal: 'tbx_x', at, kind: 'sql' }, // both
      { resource: 'api-test-flags', user: 'a@example.com', at: 'yesterday', kind: 'sql' },
      { resource: 'api-test-flags', user: 'a@example.com', at, kind: 'DROP TABLE' },
      { resource: 'api-test-flags', user: 'a@example.com', at, kind: 'sql', extra: 1 },
    ];
    for (const body of bad) expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    expect((await post({ resource: 'nowhere', user: 'alice@example.com', at, kind: 'sql' })).status).toBe(404);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const refused = await post({ resource: 'api-test-flags', user: 'alice@example.com', at: future, kind: 'sql' });
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields).toEqual({ at: expect.any(String) });
  });

  it('keeps a long detail cut to size and says so', async () => {
    await report('long', { user: 'alice@example.com', at: now().toISOString(), detail: 'x'.repeat(20_000) });
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'activity.reported' }, orderBy: { seq: 'desc' } });
    expect((event.data as { detail: string }).detail).toHaveLength(8000);
    expect(event.data).toMatchObject({ detailTruncated: true });
  });
});

describe("a grant's timeline", () => {
  it('tells request → decisions → activation → activity → end, with activity in its place', async () => {
    const res = await timeline(grantId);
    expect(res.status).toBe(200);
    const events: Array<{ action: string; phase: string; data: { detail?: string; reportedAt?: string }; reportedAt: string | null }> = res.json.timeline.events;
    for (const e of events) expect(e.reportedAt).toBe(e.phase === 'activity' ? e.data.reportedAt : null);
    const steps = events.map((e) => (e.phase === 'activity' ? `activity:${e.data.detail!.split(':')[0]}` : `${e.phase}:${e.action}`));
    expect(steps).toEqual([
      'activity:principal before',
      'request:request.created',
      'decision:request.auto_approved',
      'decision:grant.created',
      'activation:grant.provisioning',
      'activation:grant.activated',
      'activity:by principal',
      'activity:by key id',
      'activity:by user',
      'end:grant.revoke_requested',
      'end:grant.revoked',
      'activity:principal after',
    ]);
    expect(res.json.timeline.truncated).toBe(false);
  });

  it('is for auditors: 404 for an unknown grant, 403 without the audit scope', async () => {
    const unknown = crypto.randomUUID();
    expect((await timeline(unknown)).status).toBe(404);
    expect((await timeline(grantId, tokens.reporter)).status).toBe(403);
  });
});
