import { describe, expect, it } from 'vitest';
import { statementNames } from './statement-names';

describe('statementNames', () => {
  it('names one text the same every time, two texts differently, as a PostgreSQL identifier', () => {
    const name = statementNames();
    const a = name({ sql: 'SELECT 1' });
    expect(a).toMatch(/^tbx_[A-Za-z0-9_-]{32}$/);
    expect(a!.length).toBeLessThanOrEqual(63); // NAMEDATALEN - 1
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 2' })).not.toBe(a);
    expect(statementNames()({ sql: 'SELECT 1' })).toBe(a); // the same across processes and restarts
  });

  it('names only the first `limit` distinct texts; the rest run unprepared, the named keep their names', () => {
    const name = statementNames(2);
    const first = name({ sql: 'SELECT $1' });
    const second = name({ sql: 'SELECT $1, $2' });
    expect(first && second).toBeTruthy();
    expect(name({ sql: 'SELECT $1, $2, $3' })).toBeUndefined();
    expect(name({ sql: 'SELECT $1' })).toBe(first);
  });
});
