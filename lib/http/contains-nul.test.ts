import { describe, expect, it } from 'vitest';
import { containsNul, refuseNul } from './contains-nul';

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

describe('containsNul at any depth', () => {
  it('finds a NUL nested deeper than any recursion limit', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(containsNul(deep)).toBe(true);
  });
});

describe('refuseNul', () => {
  it('throws the one 400 every entry point answers', () => {
    expect(() => refuseNul({ a: ['b\u0000'] })).toThrow(expect.objectContaining({ code: 'bad_request', message: 'Text must not contain NUL (\\u0000) characters.' }));
    expect(() => refuseNul({ a: 'b' })).not.toThrow();
  });
});
