import { describe, expect, it } from 'vitest';
import { failureDigest } from './failure-digest';

describe('failureDigest', () => {
  it('keeps the lines that name a failed Vitest test and its error, without colours', () => {
    const output = [
      ' ✓ lib/a.test.ts (3 tests) 20ms',
      '\u001b[41m FAIL \u001b[49m integration lib/b.integration.test.ts > ends the grant',
      'AssertionError: expected "active" to be "expired"',
      ' ✓ lib/c.test.ts (1 test) 5ms',
    ].join('\n');
    const digest = failureDigest(output);
    expect(digest[0]).toBe(' FAIL  integration lib/b.integration.test.ts > ends the grant');
    expect(digest).toContain('AssertionError: expected "active" to be "expired"');
    expect(digest).not.toContain(' ✓ lib/a.test.ts (3 tests) 20ms');
  });

  it("keeps Playwright's failed tests and numbered reports", () => {
    const output = ['  ✓  1 [chromium] › e2e/a.spec.ts:3:1 › works (1.0s)', '  ✘  2 [chromium] › e2e/b.spec.ts:9:1 › breaks (30.0s)', '', '  1) [chromium] › e2e/b.spec.ts:9:1 › breaks'].join('\n');
    const digest = failureDigest(output);
    expect(digest).toContain('  ✘  2 [chromium] › e2e/b.spec.ts:9:1 › breaks (30.0s)');
    expect(digest).toContain('  1) [chromium] › e2e/b.spec.ts:9:1 › breaks');
    expect(digest).not.toContain('  ✓  1 [chromium] › e2e/a.spec.ts:3:1 › works (1.0s)');
  });

  it('says so when it leaves lines out', () => {
    const output = Array.from({ length: 50 }, (_, i) => ` FAIL  lib/t${i}.test.ts`).join('\n');
    const digest = failureDigest(output, 10);
    expect(digest).toHaveLength(11);
    expect(digest[10]).toBe("… and 40 more lines in the step's output above");
  });

  it('falls back to the last lines when nothing names a test', () => {
    const output = ['Found 2 errors.', ...Array.from({ length: 40 }, (_, i) => `line ${i}`), ''].join('\n');
    const digest = failureDigest(output);
    expect(digest).toHaveLength(30);
    expect(digest.at(-1)).toBe('line 39');
  });
});
