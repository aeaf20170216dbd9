import { describe, expect, it, vi } from 'vitest';

describe('processWide', () => {
  it('gives every copy of a module the same value for a key, made once', async () => {
    const init = vi.fn(() => ({ made: Math.random() }));
    const first = await import('./process-wide');
    vi.resetModules();
    const second = await import('./process-wide');
    expect(second).not.toBe(first);
    const a = first.processWide('test.same', init);
    expect(second.processWide('test.same', init)).toBe(a);
    expect(init).toHaveBeenCalledTimes(1);
    expect(first.processWide('test.other', () => 'other')).toBe('other');
  });
});
