import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createApiHarness, type ApiHarness } from '@/lib/testing/api-harness';
import { api, at, type Endpoint } from './routes';

// 200 malformed bodies per mutating endpoint: every answer must be a 4xx with an error code, and
// nothing may change. The PRNG is seeded (FUZZ_SEED to vary it), so a failure names its case and reproduces.

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
const CASES = 200;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

type FieldKind = 'string' | 'number' | 'date';
interface Target {
  endpoint: Endpoint;
  /** Valid values for every field the schema knows: a base to break one thing in. */
  valid: Record<string, unknown>;
  kinds: Record<string, FieldKind>;
  /** Fields whose absence is an error: only then may the generator send an empty body. */
  hasRequired: boolean;
}

interface Case {
  label: string;
  body: string | Uint8Array;
  contentType: string;
}

const JSON_TYPE = 'application/json';
const letters = 'abcdefghijklmnopqrstuvwxyzÄÖÜßéλжᚠ中文😀';
const randomText = (r: Rng, length: number) => Array.from({ length }, () => r.pick([...letters])).join('');

function randomJsonValue(r: Rng, depth = 0): unknown {
  switch (r.int(0, depth > 2 ? 4 : 6)) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, 1.5, 1e308, -1e-9, 2 ** 53 + 1]);
    case 3: return randomText(r, r.int(0, 20));
    case 4: return r.pick(['', ' ', '\u0000', 'true', '{}', '__proto__']);
    case 5: return Array.from({ length: r.int(0, 4) }, () => randomJsonValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(0, 3) }, () => [randomText(r, r.int(1, 6)), randomJsonValue(r, depth + 1)]));
  }
}

/** A value that fails the field's schema whatever the rest of the body says. */
function wrongValue(r: Rng, kind: FieldKind): unknown {
  const notAString = [123, true, false, null, {}, [], ['x'], { $gt: '' }, 1e21];
  // true, [5] and [[5]] would pass z.coerce.number(): the schemas must not coerce them.
  const notAPositiveInt = ['abc', {}, [1, 2], [5], [[5]], true, 0, -5, 1.5, 10 ** 9, 'NaN', '', null, false, 'Infinity', '1e400', '0x'];
  const notADate = ['not a date', {}, [], '2026-13-45', 'yesterday'];
  return r.pick(kind === 'string' ? notAString : kind === 'number' ? notAPositiveInt : notADate);
}

const nul = (r: Rng) => `${randomText(r, r.int(0, 5))}\u0000${randomText(r, r.int(0, 5))}`;

function generate(r: Rng, target: Target): Case {
  const fields = Object.keys(target.kinds);
  const field = r.pick(fields);
  const json = (value: unknown) => JSON.stringify(value);
  const kinds = ['non-json', 'non-object', 'unknown-field', 'wrong-type', 'huge-string', 'invalid-utf8', 'nested', 'big-body', 'content-type', 'duplicate-key', 'nul-char', 'empty'] as const;
  let kind = r.pick(kinds);
  if (kind === 'empty' && !target.hasRequired) kind = 'non-json';

  switch (kind) {
    case 'non-json': {
      let text = r.pick(['{', '{"comment":', "{'comment':'x'}", 'undefined', 'NaN', '{"a":1,}', '{"a" 1}', '[', '"unterminated', '{}}', '\u0001{}', randomText(r, r.int(1, 40))]);
      try {
        JSON.parse(text);
        text = '{' + text;
      } catch {
        /* malformed, as wanted */
      }
      return { label: `non-json ${JSON.stringify(text).slice(0, 60)}`, body: text, contentType: JSON_TYPE };
    }
    case 'non-object': {
      const value = r.pick([null, 0, 42, -1.5, true, false, 'a string', '', [], [target.valid], Array.from({ length: r.int(1, 5) }, () => randomJsonValue(r))]);
      return { label: `non-object ${json(value).slice(0, 60)}`, body: json(value), contentType: JSON_TYPE };
    }
    case 'unknown-field': {
      const key = r.pick(['__proto__', 'constructor', 'prototype', 'id', 'status', 'requesterId', 'userId', 'grantId', `${field} `, field.toUpperCase(), randomText(r, r.int(1, 12)) + '_x']);
      const body = `{${Object.entries(target.valid).map(([k, v]) => `${json(k)}:${json(v)}`).join(',')}${Object.keys(target.valid).length ? ',' : ''}${json(key)}:${json(randomJsonValue(r))}}`;
      return { label: `unknown field ${json(key)}`, body, contentType: JSON_TYPE };
    }
    case 'wrong-type': {
      const value = wrongValue(r, target.kinds[field]!);
      return { label: `wrong type ${field}=${json(value)}`, body: json({ ...target.valid, [field]: value }), contentType: JSON_TYPE };
    }
    case 'huge-string': {
      const stringFields = fields.filter((f) => target.kinds[f] === 'string');
      const f = stringFields.length ? r.pick(stringFields) : field;
      const length = r.pick([2_001, 5_000, 30_000, 70_000]);
      const value = target.kinds[f] === 'string' ? randomText(r, length) : '9'.repeat(length);
      return { label: `huge ${f} (${length} chars)`, body: json({ ...target.valid, [f]: value }), contentType: JSON_TYPE };
    }
    case 'invalid-utf8': {
      const head = new TextEncoder().encode(`{${json(field)}:"${randomText(r, r.int(0, 8))}`);
      const junk = Uint8Array.from({ length: r.int(1, 8) }, (_, i) => (i === 0 ? 0xff : r.pick([0x80, 0xbf, 0xc0, 0xc1, 0xed, 0xa0, 0xf5, 0xfe, 0xff])));
      const tail = new TextEncoder().encode('"}');
      return { label: `invalid utf-8 in ${field}`, body: new Uint8Array([...head, ...junk, ...tail]), contentType: JSON_TYPE };
    }
    case 'nested': {
      const depth = r.int(1, 3_000);
      const open = r.next() < 0.5 ? '{"a":'.repeat(depth) : '['.repeat(depth);
      const close = open.startsWith('{') ? '}'.repeat(depth) : ']'.repeat(depth);
      const at = r.next() < 0.5 ? field : `x${r.int(0, 9)}`;
      return { label: `nested depth ${depth} in ${at}`, body: `{${json(at)}:${open}1${close}}`, contentType: JSON_TYPE };
    }
    case 'big-body': {
      const size = r.int(65 * 1024, 100 * 1024);
      return { label: `big body ${size} bytes`, body: json({ ...target.valid, pad: 'x'.repeat(size) }), contentType: JSON_TYPE };
    }
    case 'content-type': {
      const type = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'json', 'text/json']);
      return { label: `content-type ${type}`, body: json(target.valid), contentType: type };
    }
    case 'duplicate-key': {
      const stringFields = fields.filter((f) => target.kinds[f] === 'string');
      const f = stringFields.length ? r.pick(stringFields) : field;
      const body = `{${Object.entries({ ...target.valid, [f]: 'x' }).map(([k, v]) => `${json(k)}:${json(v)}`).join(',')},${json(f)}:${json(wrongValue(r, target.kinds[f]!))}}`;
      return { label: `duplicate ${f}`, body, contentType: JSON_TYPE };
    }
    case 'nul-char': {
      const stringFields = fields.filter((f) => target.kinds[f] === 'string');
      const f = stringFields.length ? r.pick(stringFields) : field;
      return { label: `NUL in ${f}`, body: json({ ...target.valid, [f]: nul(r) }), contentType: JSON_TYPE };
    }
    case 'empty':
      return { label: 'empty body', body: r.pick(['', '  ', '\n', '{}']), contentType: JSON_TYPE };
  }
}

let h: ApiHarness;
let alice: string;
let bob: string;
let pendingId: string;
let grantId: string;
let snapshot: () => Promise<unknown>;

beforeAll(async () => {
  h = await createApiHarness();
  alice = await h.token('alice@example.com', ['requests', 'grants']);
  bob = await h.token('bob@example.com', ['approvals']);
  const pending = await call(api.createRequest.handler, '/api/v1/requests', { token: alice, body: { resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'fuzz target' } });
  pendingId = pending.json.request.id;
  const granted = await call(api.createRequest.handler, '/api/v1/requests', { token: alice, body: { resource: 'api-test-flags', role: 'admin', durationMinutes: 30 } });
  grantId = granted.json.request.grant.id;
  expect([pending.status, granted.status, granted.json.request.grant.status]).toEqual([201, 201, 'active']);
  snapshot = async () => ({
    requests: await h.database.db.accessRequest.findMany({ orderBy: { id: 'asc' } }),
    reviews: await h.database.db.review.count(),
    grants: await h.database.db.grant.findMany({ orderBy: { id: 'asc' } }),
  });
});
afterAll(async () => h?.close());

const targets = (): [string, Target, () => string, () => string | undefined][] => [
  [
    'POST /requests',
    {
      endpoint: api.createRequest,
      valid: { resource: 'api-test-flags', role: 'admin', durationMinutes: 10, justification: 'fuzz for the test', ticket: 'OPS-1', startAt: '' },
      kinds: { resource: 'string', role: 'string', durationMinutes: 'number', justification: 'string', ticket: 'string', startAt: 'date' },
      hasRequired: true,
    },
    () => alice,
    () => undefined,
  ],
  ['POST /requests/{id}/approve', { endpoint: api.approve, valid: { comment: 'ok' }, kinds: { comment: 'string' }, hasRequired: false }, () => bob, () => pendingId],
  ['POST /requests/{id}/deny', { endpoint: api.deny, valid: { comment: 'no' }, kinds: { comment: 'string' }, hasRequired: false }, () => bob, () => pendingId],
  ['POST /requests/{id}/cancel', { endpoint: api.cancel, valid: { comment: 'no' }, kinds: { comment: 'string' }, hasRequired: false }, () => alice, () => pendingId],
  ['POST /grants/{id}/revoke', { endpoint: api.revoke, valid: { reason: 'done' }, kinds: { reason: 'string' }, hasRequired: false }, () => alice, () => grantId],
  ['POST /grants/{id}/extend', { endpoint: api.extend, valid: { minutes: 5, justification: 'more for the test' }, kinds: { minutes: 'number', justification: 'string' }, hasRequired: true }, () => alice, () => grantId],
];

describe(`malformed bodies (seed ${SEED}, ${CASES} per endpoint)`, () => {
  it.each(targets().map((t, i) => [t[0], i] as const))('%s answers every one with a 4xx and an error code', async (_, index) => {
    const [, target, token, id] = targets()[index]!;
    const r = prng(SEED + index);
    const before = await snapshot();
    const { path, params } = at(target.endpoint, id());
    const seen = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const c = generate(r, target);
      const res = await call(target.endpoint.handler, path, { method: 'POST', token: token(), params, body: c.body, headers: { 'content-type': c.contentType } });
      const where = `seed ${SEED + index} case ${i}: ${c.label} → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`;
      expect(res.status, where).toBeGreaterThanOrEqual(400);
      expect(res.status, where).toBeLessThan(500);
      expect(res.json?.error?.code, where).toMatch(/^[a-z_]+$/);
      expect(typeof res.json.error.message, where).toBe('string');
      expect(JSON.stringify(res.json), where).not.toMatch(/\bat \S+:\d+:\d+|prisma|stack/i);
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
    }
    expect(await snapshot()).toEqual(before); // nothing changed: every case really was refused
    console.info(`${target.endpoint.path}: ${[...seen].map(([s, n]) => `${s}×${n}`).join(' ')}`);
  });
});
