import { describe, expect, it } from 'vitest';
import { MAX_ACTION_NESTING, nestingDepth } from './nesting-depth';

describe('nestingDepth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestingDepth('[{"a":[1,2]}]')).toBe(3);
    expect(nestingDepth('["[[[[", "{{{"]')).toBe(1);
    expect(nestingDepth('["a\\"[[[", 1]')).toBe(1);
    expect(nestingDepth('plain text')).toBe(0);
  });

  it('measures 20,000 levels without overflowing, and stops early past the limit', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect(nestingDepth(deep)).toBe(20_000);
    expect(nestingDepth(deep, MAX_ACTION_NESTING)).toBe(MAX_ACTION_NESTING + 1);
  });

  it('leaves what our forms send well under the limit', () => {
    const reply = JSON.stringify([{ resource: 'prod-postgres', role: 'read-only', durationMinutes: 30, groups: ['a', 'b'], settings: { nested: { x: [1] } } }]);
    expect(nestingDepth(reply)).toBeLessThan(MAX_ACTION_NESTING);
  });
});
