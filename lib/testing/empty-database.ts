import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { withDatabase } from './test-target';

/**
 * An empty throw-away database on the PostgreSQL server at `serverUrl`, for the describe block that calls this:
 * created before its first test, dropped (connections cut) after its last. Register it before the block's own
 * hooks, so that those close their connections before the drop (Vitest runs after-hooks last-registered first).
 * Unlike createTestDatabase it holds no schema: for tests of migrating and preparing a database themselves.
 */
export function useEmptyDatabase(serverUrl: string, prefix: string, timeout: number): { name: string; url: string } {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  }, timeout);
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }, timeout);
  return { name, url: withDatabase(serverUrl, name) };
}
