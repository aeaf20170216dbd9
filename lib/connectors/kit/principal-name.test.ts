import { describe, expect, it } from 'vitest';
import { grantPrincipal, PRINCIPAL_PREFIX } from './principal-name';

describe('grantPrincipal', () => {
  it('is tbx_ and the first 12 hex digits of a UUID grant id, whatever its case', () => {
    expect(grantPrincipal('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('tbx_0f8fad5bd9cb');
    expect(grantPrincipal('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('tbx_0f8fad5bd9cb');
  });

  it('hashes an id that is not hex, stably, into the same shape', () => {
    expect(grantPrincipal('not-a-uuid')).toMatch(/^tbx_[0-9a-f]{12}$/);
    expect(grantPrincipal('not-a-uuid')).toBe(grantPrincipal('not-a-uuid'));
    expect(grantPrincipal('not-a-uuid')).not.toBe(grantPrincipal('not-a-uuid2'));
    expect(grantPrincipal('abc')).toMatch(/^tbx_[0-9a-f]{12}$/); // hex, but too short to be a grant id
  });

  it('fits the shortest name limit of the targets (MariaDB users: 80, PostgreSQL roles: 63)', () => {
    expect(grantPrincipal('0f8fad5b-d9cb-469f-a165-70867728950e').startsWith(PRINCIPAL_PREFIX)).toBe(true);
    expect(grantPrincipal('x'.repeat(500))).toHaveLength(16);
  });
});
