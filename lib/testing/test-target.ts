/**
 * Which database the integration tier runs on: PGlite by default; PostgreSQL when
 * TIMEBOX_TEST_DB=postgres, at TEST_DATABASE_URL or else DATABASE_URL (a server the tests may create databases on).
 */
export type TestTarget = { kind: 'pglite' } | { kind: 'postgres'; serverUrl: string };

export function testTarget(env: NodeJS.ProcessEnv = process.env): TestTarget {
  if (env.TIMEBOX_TEST_DB !== 'postgres') return { kind: 'pglite' };
  const serverUrl = env.TEST_DATABASE_URL || env.DATABASE_URL;
  if (!serverUrl) throw new Error('TIMEBOX_TEST_DB=postgres needs TEST_DATABASE_URL or DATABASE_URL');
  return { kind: 'postgres', serverUrl };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
