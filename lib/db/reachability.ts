import pg from 'pg';
import { ConfigError } from '@/lib/config/env';

/** Fails fast, with one line naming DATABASE_URL, when the configured PostgreSQL cannot be reached. */
export async function assertPostgresReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const where = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`;
      } catch {
        return 'the configured server';
      }
    })();
    const reason = error instanceof Error ? (error as NodeJS.ErrnoException).code ?? error.message : String(error);
    throw new ConfigError('DATABASE_URL', `cannot reach the database at ${where} (${reason})`);
  } finally {
    await client.end().catch(() => {});
  }
}
