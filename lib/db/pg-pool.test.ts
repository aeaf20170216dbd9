import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from './client';

describe('pgPoolOf', () => {
  it('finds the pool from another copy of the module, as another route bundle of the server has', async () => {
    const db = {} as Db;
    const pool = {} as pg.Pool;
    const first = await import('./pg-pool');
    first.rememberPgPool(db, pool);
    vi.resetModules();
    const second = await import('./pg-pool');
    expect(second).not.toBe(first);
    expect(second.pgPoolOf(db)).toBe(pool);
    expect(second.pgPoolOf({} as Db)).toBeNull();
  });
});
