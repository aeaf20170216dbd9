import pg from 'pg';
import { type AdminClient, type AdminTimeouts, LEASE_DERIVED_TIMEOUTS } from '../kit/admin-client';
import { adminClient, type DatabaseAdmin } from '../kit/admin-connections';
import { type ConnectorError } from '../kit/connector-error';
import { targetError } from '../kit/target-error';
import { refuseOwnDatabase } from './own-database';

/** The admin client the postgres connector uses: a call gets a connection to the database the admin URL names. */
export type PostgresAdmin = AdminClient<string, pg.Client>;
/** The same, able to hold its connections between calls. */
export type HoldablePostgresAdmin = DatabaseAdmin<string, pg.Client>;

// Network failures and "server starting/stopping": the target is not there right now, retrying later may work.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03']);

/** A driver error as a short, readable, secret-free ConnectorError: it becomes a grant's failure reason or lastError. */
export function postgresError(error: unknown, adminUrl: string): ConnectorError {
  const password = URL.canParse(adminUrl) ? decodeURIComponent(new URL(adminUrl).password) : '';
  return targetError(error, {
    system: 'postgres',
    secrets: [password],
    unreachableCodes: UNREACHABLE_CODES,
    unreachableMessage: /timeout expired|Connection terminated|connection timeout/i,
  });
}

/**
 * One admin connection per call, always closed (or held between calls by `hold()`: kit/admin-connections.ts).
 * The server itself cancels any statement past statement_timeout and any lock wait past lock_timeout, so
 * nothing a call starts outlives the bound. Before anything else a connection checks it did not reach
 * Timebox's own database (ownDatabaseUrl).
 */
export function createPostgresAdmin(timeouts: AdminTimeouts = LEASE_DERIVED_TIMEOUTS, ownDatabaseUrl: () => string | undefined = () => undefined): HoldablePostgresAdmin {
  return adminClient<string, pg.Client>({
    timeouts,
    keyOf: (adminUrl) => adminUrl,
    failure: postgresError,
    async open(adminUrl) {
      const client = new pg.Client({
        connectionString: adminUrl,
        connectionTimeoutMillis: timeouts.connectMs,
        statement_timeout: timeouts.statementMs,
        lock_timeout: timeouts.lockMs,
        application_name: 'timebox-connector',
      });
      let ended = false;
      client.on('error', () => {}); // a server that goes away mid-call surfaces as the query's rejection, not a crash
      client.on('end', () => (ended = true));
      const close = () => client.end().catch(() => {});
      try {
        await client.connect();
        await refuseOwnDatabase(client, ownDatabaseUrl());
      } catch (error) {
        await close();
        throw error;
      }
      return { session: client, usable: () => !ended, close };
    },
  });
}
