import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeForApiError, exitCodeForRequestStatus } from './exit-codes';

describe('exit codes', () => {
  it('keeps the documented numbers (scripts depend on them)', () => {
    expect(ExitCode).toEqual({ done: 0, failed: 1, usage: 2, denied: 3, expired: 4, unreachable: 5 });
  });

  it.each([
    [401, 'unauthenticated', 3],
    [403, 'forbidden', 3],
    [400, 'access_denied', 3],
    [400, 'expired_token', 4],
    [400, 'invalid_grant', 1],
    [404, 'not_found', 1],
    [409, 'conflict', 1],
    [422, 'unprocessable', 1],
    [429, 'rate_limited', 1],
    [500, 'internal', 1],
  ])('HTTP %i %s → %i', (status, code, exit) => expect(exitCodeForApiError(status, code)).toBe(exit));

  it.each([
    ['approved', 0],
    ['denied', 3],
    ['expired', 4],
    ['cancelled', 4],
    ['pending', 1],
  ])('a request that ended %s → %i', (status, exit) => expect(exitCodeForRequestStatus(status)).toBe(exit));
});
