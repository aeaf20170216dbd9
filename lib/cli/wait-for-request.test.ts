import { describe, expect, it } from 'vitest';
import type { GrantView, RequestView } from './api-types';
import { parseTarget } from './commands/requests';
import { isSettled } from './wait-for-request';

const now = new Date('2026-12-02T10:00:00Z');
const grant = (status: string, startsAt = '2026-12-02T09:59:00Z'): GrantView => ({ id: 'g', status, resource: 'r', resourceKind: 'postgres', role: 'x', user: { email: 'a@example.com' }, startsAt, expiresAt: '2026-12-02T11:00:00Z', failureReason: null });
const request = (status: RequestView['status'], g: GrantView | null = null) => ({ status, grant: g }) as RequestView;

describe('isSettled (when `request --wait` returns)', () => {
  it('waits while pending, and while an approved grant is still being set up', () => {
    expect(isSettled(request('pending'), now)).toBe(false);
    expect(isSettled(request('approved', grant('provisioning')), now)).toBe(false);
    expect(isSettled(request('approved', grant('scheduled')), now)).toBe(false); // due now: activation is on its way
  });
  it('returns once decided: a live, failed or later-starting grant, or a refusal', () => {
    expect(isSettled(request('approved', grant('active')), now)).toBe(true);
    expect(isSettled(request('approved', grant('failed')), now)).toBe(true);
    expect(isSettled(request('approved', grant('scheduled', '2026-12-02T12:00:00Z')), now)).toBe(true);
    for (const s of ['denied', 'expired', 'cancelled'] as const) expect(isSettled(request(s), now)).toBe(true);
  });
});

describe('parseTarget (RESOURCE/ROLE)', () => {
  it('splits at the first slash', () => expect(parseTarget('prod-postgres/read-only')).toEqual({ resource: 'prod-postgres', role: 'read-only' }));
  it.each(['prod-postgres', '/read-only', 'prod-postgres/', ''])('"%s" is a usage error (exit 2)', (text) => expect(() => parseTarget(text)).toThrow(expect.objectContaining({ exitCode: 2 })));
});
