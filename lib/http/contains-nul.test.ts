import { describe, expect, it } from 'vitest';
import { containsNul } from './contains-nul';

describe('containsNul', () => {
  it('finds NUL in strings, keys and nested values', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul({ ok: 'x', nested: [{ deep: 'y\u0000' }] })).toBe(true);
    expect(containsNul({ ['k\u0000']: 1 })).toBe(true);
  });
  it('passes ordinary input', () => {
    expect(containsNul({ a: 'x', b: [1, 2, 'ü'], c: null })).toBe(false);
  });
});
