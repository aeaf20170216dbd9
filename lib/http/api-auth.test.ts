import { describe, expect, it } from 'vitest';
import { bearerCredential, secretMatches } from './api-auth';

const h = (init: Record<string, string>) => new Headers(init);

describe('bearerCredential', () => {
  it.each([
    ['Bearer tbx_abc', 'tbx_abc'],
    ['bearer tbx_abc', 'tbx_abc'],
    ['BEARER   tbx_abc  ', 'tbx_abc'],
  ])('reads %j', (value, expected) => {
    expect(bearerCredential(h({ authorization: value }))).toBe(expected);
  });
  it.each(['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwdw==', 'tbx_abc', 'Bearer a b', 'Bearertbx_abc'])('refuses %j', (value) => {
    expect(bearerCredential(h(value ? { authorization: value } : {}))).toBeNull();
  });
});

describe('secretMatches', () => {
  const secret = 'a-cron-secret-of-some-length';
  it('matches only the exact secret', () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(secret + 'x', secret)).toBe(false);
    expect(secretMatches(secret.slice(0, -1), secret)).toBe(false);
    expect(secretMatches('', secret)).toBe(false);
    expect(secretMatches(null, secret)).toBe(false);
  });
});
