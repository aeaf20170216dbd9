import { describe, expect, it } from 'vitest';
import { formatMinutes, formatSpan, MAX_DURATION_MINUTES } from './durations';

describe('formatMinutes', () => {
  it.each([
    [45, '45 min'],
    [90, '1 h 30 min'],
    [2880, '2 d'],
    [MAX_DURATION_MINUTES, '31 d'],
    [0, '0 min'],
  ])('%i → %s', (minutes, text) => expect(formatMinutes(minutes)).toBe(text));
});

describe('formatSpan', () => {
  it.each([
    [0, '0 s'],
    [-5, '0 s'],
    [400, '< 1 s'],
    [45_000, '45 s'],
    [250_000, '4 min 10 s'],
    [1_800_000, '30 min 0 s'],
    [7_500_000, '2 h 5 min'],
    [3_600_000, '1 h'],
    [183_600_000, '2 d 3 h'],
  ])('%i ms → %s', (ms, text) => expect(formatSpan(ms)).toBe(text));
});
