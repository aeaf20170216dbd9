import { describe, expect, it } from 'vitest';
import { checkpointIsGenuine, signCheckpoint } from './checkpoint';
import { insertMac, macMatches, type InsertedEventFields } from './mac';

const KEY = 'unit-test-audit-key-unit-test-audit-key';

const event: InsertedEventFields = {
  id: '00000000-0000-4000-8000-000000000001',
  actorId: null,
  actorLabel: 'alice@example.com',
  action: 'request.created',
  resourceId: null,
  entitlementId: null,
  requestId: '00000000-0000-4000-8000-0000000000cc',
  grantId: null,
  tokenId: null,
  statusFrom: null,
  statusTo: 'pending',
  ip: '203.0.113.9',
  userAgent: null,
  data: { justification: 'fix the index', ticket: 'OPS-1' },
};

describe('the insert MAC', () => {
  const mac = insertMac(KEY, event);

  it('is an HMAC-SHA256 that changes with the key and with every field the application writes', () => {
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(insertMac('another-key-another-key-another-key', event)).not.toBe(mac);
    expect(insertMac(KEY, { ...event, id: '00000000-0000-4000-8000-000000000002' })).not.toBe(mac);
    expect(insertMac(KEY, { ...event, actorLabel: 'mallory@example.com' })).not.toBe(mac);
    expect(insertMac(KEY, { ...event, data: { justification: 'fix the index', ticket: 'OPS-2' } })).not.toBe(mac);
    expect(insertMac(KEY, { ...event, statusTo: null })).not.toBe(mac);
  });

  it('does not depend on key order in data (JSONB forgets it)', () => {
    expect(insertMac(KEY, { ...event, data: { ticket: 'OPS-1', justification: 'fix the index' } })).toBe(mac);
  });

  it('is compared whole, and a missing one never matches', () => {
    expect(macMatches(mac, insertMac(KEY, event))).toBe(true);
    expect(macMatches(null, mac)).toBe(false);
    expect(macMatches(mac.slice(0, 63), mac)).toBe(false);
    expect(macMatches(`${mac.slice(0, 63)}0` === mac ? `${mac.slice(0, 63)}1` : `${mac.slice(0, 63)}0`, mac)).toBe(false);
  });
});

describe('a checkpoint', () => {
  it('is genuine under its key and not once any field changes', () => {
    const checkpoint = signCheckpoint({ chainIndex: 42n, hash: 'a'.repeat(64) }, new Date('2026-12-02T10:00:00Z'), KEY);
    expect(checkpoint).toMatchObject({ chainIndex: '42', hash: 'a'.repeat(64), at: '2026-12-02T10:00:00.000Z' });
    expect(checkpointIsGenuine(checkpoint, KEY)).toBe(true);
    expect(checkpointIsGenuine(checkpoint, 'another-key-another-key-another-key')).toBe(false);
    expect(checkpointIsGenuine({ ...checkpoint, chainIndex: '41' }, KEY)).toBe(false);
    expect(checkpointIsGenuine({ ...checkpoint, hash: 'b'.repeat(64) }, KEY)).toBe(false);
    expect(checkpointIsGenuine({ ...checkpoint, at: '2026-12-02T11:00:00.000Z' }, KEY)).toBe(false);
  });
});
