import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { displayPrefix, generateTokenSecret, hashTokenSecret, isTokenSecretShape } from './token-secret';

describe('token secrets', () => {
  it('are tbx_ + 32 random bytes in base64url, all different', () => {
    const secrets = Array.from({ length: 200 }, generateTokenSecret);
    for (const s of secrets) {
      expect(isTokenSecretShape(s)).toBe(true);
      expect(Buffer.from(s.slice(4), 'base64url')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(200);
  });
  it('hash to SHA-256 hex and show 8 characters after tbx_', () => {
    const s = `tbx_${'Ab-_'.repeat(10)}xyz`;
    expect(hashTokenSecret(s)).toBe(crypto.createHash('sha256').update(s).digest('hex'));
    expect(displayPrefix(s)).toBe('Ab-_Ab-_');
  });
  it.each(['', 'tbx_', `tbx_${'a'.repeat(42)}`, `tbx_${'a'.repeat(44)}`, `tbx_${'a'.repeat(42)}=`, `TBX_${'a'.repeat(43)}`, `tbx_${'a'.repeat(42)}+`, ` tbx_${'a'.repeat(43)}`])('refuses the shape %j', (value) => {
    expect(isTokenSecretShape(value)).toBe(false);
  });
});
