import { describe, expect, it } from 'vitest';
import { formatMinutes, parseDuration, parseStart, parseTimeout } from './duration';
import { CliError, ExitCode } from './exit-codes';

const usageError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof CliError && error.exitCode === ExitCode.usage ? error.message : `wrong error: ${String(error)}`;
  }
  return 'no error';
};

describe('parseDuration (--for, --by)', () => {
  it.each([
    ['30m', 30],
    ['2h', 120],
    ['1h30m', 90],
    ['1d', 1440],
    ['45', 45],
    [' 15M ', 15],
  ])('%s is %i minutes', (text, minutes) => expect(parseDuration(text)).toBe(minutes));

  it.each(['', '0', '0m', '30s', '1.5h', 'm', '1h 30m', '30m1h2', '-5m', 'soon'])('"%s" is a usage error', (text) => {
    expect(usageError(() => parseDuration(text, '--for'))).toMatch(/^--for: /);
  });
});

describe('parseTimeout (--timeout)', () => {
  it('takes seconds too, and minutes by default', () => {
    expect(parseTimeout('45s')).toBe(45);
    expect(parseTimeout('15m')).toBe(900);
    expect(parseTimeout('1m30s')).toBe(90);
    expect(parseTimeout('2')).toBe(120);
  });
  it('refuses nothing and junk', () => {
    expect(usageError(() => parseTimeout('0s'))).toMatch(/at least 1 second/);
    expect(usageError(() => parseTimeout('later'))).toMatch(/not a duration/);
  });
});

describe('parseStart (--start)', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('reads +15m and "in 1h" from now, and ISO times', () => {
    expect(parseStart('+15m', now).toISOString()).toBe('2026-12-02T10:15:00.000Z');
    expect(parseStart('in 1h', now).toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(parseStart('2026-12-03T08:30:00Z', now).toISOString()).toBe('2026-12-03T08:30:00.000Z');
  });
  it('refuses what Date would guess at', () => expect(usageError(() => parseStart('tomorrow', now))).toMatch(/^--start: /));
});

it('formatMinutes shows durations back the way they are typed', () => {
  expect([30, 60, 90, 1440].map(formatMinutes)).toEqual(['30m', '1h', '1h30m', '24h']);
});
