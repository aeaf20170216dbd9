import { describe, expect, it } from 'vitest';
import { ticketMatches, ticketPatternProblem } from './ticket-pattern';

describe('ticket patterns', () => {
  it('match as RegExp.test does for the patterns admins write', () => {
    expect(ticketMatches('^[A-Z][A-Z0-9]+-[0-9]+$', 'OPS-123')).toBe(true);
    expect(ticketMatches('^[A-Z][A-Z0-9]+-[0-9]+$', 'ops-123')).toBe(false);
    expect(ticketMatches('^OPS-\\d+$', 'OPS-42')).toBe(true);
    expect(ticketMatches('INC-', 'see INC-9')).toBe(true); // unanchored: a match anywhere, as before
  });

  it('take linear time on a catastrophic pattern: ^(a+)+$ against 28 characters does not block', () => {
    const started = performance.now();
    for (const n of [28, 1_000]) expect(ticketMatches('^(a+)+$', `${'a'.repeat(n - 1)}!`)).toBe(false);
    expect(ticketMatches('^(a+)+$', 'a'.repeat(28))).toBe(true);
    // A backtracking engine takes seconds here (about 2^27 steps); the automaton, well under 100 ms.
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('refuse at save time what cannot be matched in linear time, and what is not a pattern at all', () => {
    expect(ticketPatternProblem('^(a+)+$')).toBeNull();
    expect(ticketPatternProblem('^OPS-(?=\\d)')).toMatch(/^Not supported: lookaround/);
    expect(ticketPatternProblem('^(a)\\1$')).toMatch(/^Not supported/);
    expect(ticketPatternProblem('([A-Z')).toBe('Not a valid regular expression');
  });

  it('fail closed on a stored pattern that does not compile, and on an absurdly long ticket', () => {
    expect(ticketMatches('(?=x)x', 'x')).toBe(false);
    expect(ticketMatches('^a*$', 'a'.repeat(201))).toBe(false);
  });
});
