import mysql from 'mysql2/promise';
import { type AdminClient, type AdminTimeouts, LEASE_DERIVED_TIMEOUTS } from '../kit/admin-client';
import { adminClient, type DatabaseAdmin } from '../kit/admin-connections';
import { type ConnectorError } from '../kit/connector-error';
import { targetError } from '../kit/target-error';
import type { MysqlTarget } from './settings';

/** The admin client the mysql connector uses: a call gets one connection to the target's server. */
export type MysqlAdmin = AdminClient<MysqlTarget, mysql.Connection>;
/** The same, able to hold its connections between calls. */
export type HoldableMysqlAdmin = DatabaseAdmin<MysqlTarget, mysql.Connection>;

// Network failures and a server going down: the target is not there right now, retrying later may work.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
]);

/** A driver error as a short, readable, secret-free ConnectorError: it becomes a grant's failure reason or lastError. */
export const mysqlError = (error: unknown, target: MysqlTarget): ConnectorError =>
  targetError(error, { system: 'mysql', secrets: [target.admin.password], unreachableCodes: UNREACHABLE_CODES });

/** Seconds as MariaDB's session variables take them. lock_wait_timeout takes whole seconds only: rounded up, and never 0 ("do not wait"). */
const seconds = (ms: number) => (ms / 1000).toFixed(3);
const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * One admin connection per call, always closed (or held between calls by `hold()`: kit/admin-connections.ts),
 * with the server's own bounds set first: max_statement_time cancels any statement past the bound (it is
 * what stops a DROP USER waiting on a grant table someone holds locked: lock_wait_timeout does not cover
 * that wait), lock_wait_timeout bounds metadata lock waits (GRANT on a table someone altered),
 * innodb_lock_wait_timeout row lock waits.
 */
export function createMysqlAdmin(timeouts: AdminTimeouts = LEASE_DERIVED_TIMEOUTS): HoldableMysqlAdmin {
  return adminClient<MysqlTarget, mysql.Connection>({
    timeouts,
    keyOf: ({ admin }) => JSON.stringify([admin.host, admin.port, admin.user]),
    failure: mysqlError,
    async open(target) {
      const connection = await mysql.createConnection({ ...target.admin, connectTimeout: timeouts.connectMs, multipleStatements: false });
      let lost = false;
      // A server that goes away mid-call surfaces as the query's rejection, not a crash; either event retires the connection.
      connection.on('error', () => (lost = true));
      connection.on('end', () => (lost = true));
      const close = () => connection.end().catch(() => connection.destroy());
      try {
        // UTC, so an event scheduled AT a timestamp means the same instant whatever the server's zone and DST.
        await connection.query(
          `SET time_zone = '+00:00', max_statement_time = ${seconds(timeouts.statementMs)},
               lock_wait_timeout = ${wholeSeconds(timeouts.lockMs)}, innodb_lock_wait_timeout = ${wholeSeconds(timeouts.lockMs)}`,
        );
      } catch (error) {
        await close();
        throw error;
      }
      return { session: connection, usable: () => !lost, close };
    },
  });
}
