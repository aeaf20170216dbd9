// The e2e tier runs one portal server per Playwright worker, each on a database of its own, so two spec
// files running at once can never see each other's data: a spec that signs a demo user out (which ends
// every session of that user) or holds a role (held once at a time) only touches its own server.
// scripts/e2e.ts makes the databases and passes them here; playwright.config.ts starts the servers;
// e2e/portal-test.ts points each worker's pages at its own one.

const firstPort = (env: NodeJS.ProcessEnv) => Number(env.E2E_PORT ?? 3210);

/** How many servers (and workers): E2E_WORKERS, else 2 — the browser tests mostly wait, so two share two cores well. */
export function portalServerCount(env: NodeJS.ProcessEnv = process.env): number {
  const count = Number(env.E2E_WORKERS ?? 2);
  if (!Number.isInteger(count) || count < 1 || count > 8) throw new Error(`E2E_WORKERS must be a whole number from 1 to 8, not "${env.E2E_WORKERS}"`);
  return count;
}

/** The port of the server for worker `index` (Playwright's parallelIndex, which a restarted worker keeps). */
export const portalPort = (index: number, env: NodeJS.ProcessEnv = process.env): number => firstPort(env) + index;

export const portalOrigin = (index: number, env: NodeJS.ProcessEnv = process.env): string => `http://127.0.0.1:${portalPort(index, env)}`;

export const portalOrigins = (env: NodeJS.ProcessEnv = process.env): string[] =>
  Array.from({ length: portalServerCount(env) }, (_, index) => portalOrigin(index, env));

/** Each server's own storage, set by scripts/e2e.ts: a PGlite folder always, a PostgreSQL database when one is used. */
export interface PortalStorage {
  dataDir: string;
  databaseUrl?: string;
}

const STORAGE_VARIABLE = 'E2E_PORTAL_STORAGE';

export const storageEnv = (storage: PortalStorage[]): Record<string, string> => ({ [STORAGE_VARIABLE]: JSON.stringify(storage) });

export function portalStorage(env: NodeJS.ProcessEnv = process.env): PortalStorage[] {
  const raw = env[STORAGE_VARIABLE];
  if (!raw) throw new Error(`${STORAGE_VARIABLE} is unset: run the e2e tier with \`npm run test:e2e\`, which prepares a database per server`);
  const storage = JSON.parse(raw) as PortalStorage[];
  if (storage.length !== portalServerCount(env)) throw new Error(`${STORAGE_VARIABLE} names ${storage.length} databases for ${portalServerCount(env)} servers`);
  return storage;
}
