import { describe, expect, it } from 'vitest';
import { notifyBackoffMs, shouldGiveUp } from './backoff';

describe('notification retries', () => {
  it('back off from 30 s to at most an hour', () => {
    expect([1, 2, 3, 8, 20].map(notifyBackoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });

  it('give up once the waits add up to 24 hours, not before', () => {
    const first = Array.from({ length: 60 }, (_, i) => i + 1).find(shouldGiveUp)!;
    let waited = 0;
    for (let i = 1; i < first; i++) waited += notifyBackoffMs(i);
    expect(waited).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(waited - notifyBackoffMs(first - 1)).toBeLessThan(24 * 3_600_000);
  });
});
