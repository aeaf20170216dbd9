import pg from 'pg';
import { ConnectorError } from '../kit/connector-error';

/**
 * Which database a connection reached, as the server itself says: its cluster's system identifier
 * (unique per initdb, the same through 127.0.0.1, ::1, a socket or a DNS alias) and the database name.
 * Compared, never the URL text, which has many spellings for one server.
 */
export interface DatabaseIdentity {
  server: string;
  database: string;
}

const IDENTITY_SQL = `SELECT (SELECT system_identifier::text FROM pg_control_system()) AS server, current_database() AS database`;
// pg_control_system() is open to every role on PostgreSQL 15; should a server restrict it, the address it answers on is next best.
const FALLBACK_SQL = `SELECT coalesce(host(inet_server_addr()), 'socket') || ':' || current_setting('port') AS server, current_database() AS database`;

export async function identityOf(client: pg.Client): Promise<DatabaseIdentity> {
  try {
    return (await client.query<DatabaseIdentity>(IDENTITY_SQL)).rows[0]!;
  } catch {
    return (await client.query<DatabaseIdentity>(FALLBACK_SQL)).rows[0]!;
  }
}

const own = new Map<string, Promise<DatabaseIdentity>>();

/** Timebox's own database's identity, asked once per URL (a failed attempt is asked again next time). */
export function ownDatabaseIdentity(url: string): Promise<DatabaseIdentity> {
  let found = own.get(url);
  if (!found) {
    found = (async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'timebox-self-check' });
      client.on('error', () => {});
      try {
        await client.connect();
        return await identityOf(client);
      } finally {
        await client.end().catch(() => {});
      }
    })();
    own.set(url, found);
    found.catch(() => own.delete(url));
  }
  return found;
}

/**
 * Refuses a target that is Timebox's own database: granting roles there would let a member read token
 * hashes, make themselves admin or write audit rows. Fails closed when Timebox cannot tell.
 */
export async function refuseOwnDatabase(target: pg.Client, ownUrl: string | undefined): Promise<void> {
  if (!ownUrl) return; // the embedded database lives in-process: no connection string can reach it
  let mine: DatabaseIdentity;
  try {
    mine = await ownDatabaseIdentity(ownUrl);
  } catch {
    throw new ConnectorError("cannot tell whether this target is Timebox's own database (Timebox's database did not answer); refusing");
  }
  const theirs = await identityOf(target);
  if (theirs.server === mine.server && theirs.database === mine.database) {
    throw new ConnectorError("this target is Timebox's own database; refusing to manage roles there");
  }
}
