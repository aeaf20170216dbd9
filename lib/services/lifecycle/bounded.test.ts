import { describe, expect, it } from 'vitest';
import { forEachBounded } from './bounded';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachBounded', () => {
  it('does every item, never more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded(Array.from({ length: 25 }, (_, i) => i), 4, async (item) => {
      most = Math.max(most, ++inFlight);
      await tick();
      done.push(item);
      inFlight--;
    });
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(most).toBe(4);
  });

  it('rejects once every lane has stopped, after the calls already started settled', async () => {
    const settled: number[] = [];
    const run = forEachBounded([1, 2, 3], 3, async (item) => {
      await tick();
      if (item === 1) throw new Error('one failed');
      await tick();
      settled.push(item);
    });
    await expect(run).rejects.toThrow('one failed');
    expect(settled.sort()).toEqual([2, 3]);
  });

  it('does nothing for no items', async () => {
    await expect(forEachBounded([], 4, async () => expect.unreachable())).resolves.toBeUndefined();
  });
});
