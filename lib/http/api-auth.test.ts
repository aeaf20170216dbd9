import { describe, expect, it } from 'vitest';
import { bearerCredential, clientIp, secretMatches } from './api-auth';

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

describe('clientIp', () => {
  it('takes the first hop of X-Forwarded-For', () => {
    expect(clientIp(h({ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1' }))).toBe('203.0.113.7');
  });
  it('is null without one', () => {
    expect(clientIp(h({}))).toBeNull();
    expect(clientIp(h({ 'x-forwarded-for': ' , 10.0.0.1' }))).toBeNull();
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
