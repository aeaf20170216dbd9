import { describe, expect, it } from 'vitest';
import { revokeBackoffMs } from './grant-status';

describe('revokeBackoffMs', () => {
  it('waits 5 s after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4, 5, 6].map(revokeBackoffMs)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('caps the wait at 5 minutes from the seventh failure on, however many follow', () => {
    expect(revokeBackoffMs(7)).toBe(300_000);
    expect(revokeBackoffMs(50)).toBe(300_000);
    expect(revokeBackoffMs(10_000)).toBe(300_000); // 2 ** 9999 is Infinity: still the cap
  });

  it('treats zero or a negative count as the first failure', () => {
    expect(revokeBackoffMs(0)).toBe(5_000);
    expect(revokeBackoffMs(-3)).toBe(5_000);
  });

  it('never shrinks as failures accumulate', () => {
    const waits = Array.from({ length: 40 }, (_, i) => revokeBackoffMs(i + 1));
    expect(waits.every((wait, i) => i === 0 || wait >= waits[i - 1]!)).toBe(true);
  });
});
