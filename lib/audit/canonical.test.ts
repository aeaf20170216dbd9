import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalEvent, canonicalEventReference, chainHash, chainText, stableJson, type CanonicalEventFields } from './canonical';
import { sealMac } from './mac';
import { linkEvents } from './seal';

const KEY = 'unit-test-audit-key-unit-test-audit-key';

const base: CanonicalEventFields = {
  id: '00000000-0000-4000-8000-000000000001',
  seq: 7n,
  occurredAt: new Date('2026-11-17T14:03:05.123Z'),
  actorId: null,
  actorLabel: 'system:scheduler',
  action: 'grant.expired',
  resourceId: null,
  entitlementId: null,
  requestId: null,
  grantId: '00000000-0000-4000-8000-0000000000cc',
  tokenId: null,
  statusFrom: 'revoking',
  statusTo: 'expired',
  ip: null,
  userAgent: null,
  data: { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } },
};

describe('stableJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('reads the same whatever order the keys were written in (JSONB forgets it)', () => {
    expect(stableJson({ x: 1, y: [true, null], z: 'é' })).toBe(stableJson({ z: 'é', y: [true, null], x: 1 }));
  });
  it('skips undefined members like JSON.stringify does', () => {
    expect(stableJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});

describe('canonicalEvent and chainHash', () => {
  it('is stable and covers every immutable field', () => {
    const text = canonicalEvent(base);
    expect(text).toBe(canonicalEvent({ ...base, data: { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 } }));
    expect(JSON.parse(text)).toMatchObject({ v: 1, seq: '7', occurredAt: '2026-11-17T14:03:05.123Z', action: 'grant.expired' });
    const fields: Array<[keyof CanonicalEventFields, unknown]> = [
      ['id', '00000000-0000-4000-8000-000000000002'], ['seq', 8n], ['occurredAt', new Date('2026-11-17T14:03:05.124Z')],
      ['actorId', '00000000-0000-4000-8000-0000000000dd'], ['actorLabel', 'x'], ['action', 'grant.revoked'], ['resourceId', base.grantId],
      ['entitlementId', base.grantId], ['requestId', base.grantId], ['grantId', null], ['tokenId', base.grantId], ['statusFrom', null],
      ['statusTo', 'revoked'], ['ip', '10.0.0.1'], ['userAgent', 'x'], ['data', { b: 2, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }],
    ];
    for (const [key, value] of fields) expect(canonicalEvent({ ...base, [key]: value }), key).not.toBe(text);
  });

  it('writes exactly what stableJson writes for the same fields (the fast path is the reference)', () => {
    const odd: CanonicalEventFields = { ...base, actorLabel: 'quote " backslash \\ newline \n tab \t', ip: '::1', userAgent: 'Ünïcødé 👩‍💻', data: { '': 1, z: [null, { b: 'x' }], a: -0.5, é: true } };
    for (const event of [base, odd, { ...base, data: undefined }, { ...base, data: {} }]) expect(canonicalEvent(event)).toBe(canonicalEventReference(event));
  });

  it('hashes the position and the previous hash too', () => {
    const h = chainHash(1n, GENESIS_HASH, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(2n, GENESIS_HASH, base)).not.toBe(h);
    expect(chainHash(1n, 'f'.repeat(64), base)).not.toBe(h);
    expect(chainHash(1n, GENESIS_HASH, { ...base })).toBe(h);
  });

  it('links events one after another from a head', () => {
    const [a, b] = linkEvents(null, [base, { ...base, id: '00000000-0000-4000-8000-000000000002', seq: 8n }], KEY);
    expect(a).toMatchObject({ chainIndex: 1n, prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ chainIndex: 2n, prevHash: a!.hash });
    const [c] = linkEvents({ chainIndex: 2n, hash: b!.hash }, [{ ...base, seq: 9n }], KEY);
    expect(c).toMatchObject({ chainIndex: 3n, prevHash: b!.hash, hash: chainHash(3n, b!.hash, { ...base, seq: 9n }) });
    // The sealer signs what the hash covers: the same link under another key, or another link, signs differently.
    expect(c!.sealMac).toBe(sealMac(KEY, chainText(3n, b!.hash, { ...base, seq: 9n })));
    expect(c!.sealMac).not.toBe(sealMac('another-key-another-key-another-key', chainText(3n, b!.hash, { ...base, seq: 9n })));
    expect(a!.sealMac).not.toBe(b!.sealMac);
  });
});
