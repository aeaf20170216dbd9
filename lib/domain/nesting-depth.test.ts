import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, nestedDeeperThan, textNestedDeeperThan } from './nesting-depth';

const nest = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('nestedDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan(nest(MAX_INPUT_DEPTH), MAX_INPUT_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nest(MAX_INPUT_DEPTH + 1), MAX_INPUT_DEPTH)).toBe(true);
    expect(nestedDeeperThan({ host: 'db', roles: [{ name: 'r', grants: ['SELECT'] }] }, MAX_INPUT_DEPTH)).toBe(false);
  });

  it('answers for input far deeper than any recursion limit', () => {
    expect(nestedDeeperThan(nest(200_000), MAX_INPUT_DEPTH)).toBe(true);
  });
});

describe('textNestedDeeperThan', () => {
  it('counts arrays and objects in the text, not brackets inside strings', () => {
    expect(textNestedDeeperThan('[{"a":[1,2]}]', 2)).toBe(true);
    expect(textNestedDeeperThan('[{"a":[1,2]}]', 3)).toBe(false);
    expect(textNestedDeeperThan('["[[[[", "{{{"]', 1)).toBe(false);
    expect(textNestedDeeperThan('["a\\"[[[", 1]', 1)).toBe(false);
    expect(textNestedDeeperThan(JSON.stringify([nest(MAX_INPUT_DEPTH)]), MAX_INPUT_DEPTH + 1)).toBe(false);
  });

  it('answers for 20,000 levels without overflowing', () => {
    expect(textNestedDeeperThan('['.repeat(20_000) + ']'.repeat(20_000), MAX_INPUT_DEPTH)).toBe(true);
  });
});
