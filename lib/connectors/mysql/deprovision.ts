import type mysql from 'mysql2/promise';
import { ConnectorError } from '../kit/connector-error';
import { endOnOneConnection } from '../kit/end-on-one-connection';
import type { DeprovisionOutcome } from '../types';
import { type MysqlAdmin, mysqlError } from './admin-client';
import { endEventName } from './end-event';
import type { MysqlTarget } from './settings';
import { account, ident } from './sql-quote';

const KILL_WAIT_MS = 5_000;
const ER_NO_SUCH_THREAD = 1094;

/**
 * Drops the grant's user (no new logins, privileges gone), then kills every connection it still has,
 * then drops its end-time event. Idempotent: a user already gone (the event may have done it) is success.
 */
export async function dropUser(admin: MysqlAdmin, t: MysqlTarget, user: string, host = t.userHost): Promise<void> {
  await admin.withAdmin(t, (c) => dropOn(c, t, user, host));
}

/**
 * dropUser for many grants of one resource on ONE admin connection, each statement bounded by the server's
 * max_statement_time. A statement that fails (a timeout, a lock) leaves the connection usable for the next
 * user; mysql2 marks an error that closed the connection `fatal`, and every later query would then fail at
 * once with "connection is in closed state", so the real cause is handed to the rest instead.
 */
export const dropUsers = (admin: MysqlAdmin, t: MysqlTarget, users: readonly { grantId: string; user: string }[], mayStart: () => boolean): Promise<DeprovisionOutcome[]> =>
  endOnOneConnection<{ grantId: string; user: string }, mysql.Connection>(users, mayStart, {
    withConnection: (work) => admin.withAdmin(t, work), // already a secret-free ConnectorError when it rejects
    endOne: (c, { user }) => dropOn(c, t, user, t.userHost),
    failure: (error) => mysqlError(error, t),
    lostConnection: (error) => (error as { fatal?: boolean }).fatal === true,
  });

async function dropOn(c: mysql.Connection, t: MysqlTarget, user: string, host: string): Promise<void> {
  await c.query(`DROP USER IF EXISTS ${account(user, host)}`);
  await killConnections(c, user);
  await c.query(`DROP EVENT IF EXISTS ${ident(t.database)}.${ident(endEventName(user))}`);
}

/** KILL CONNECTION every processlist row of `user`, then wait (bounded) until they are really gone. */
export async function killConnections(c: mysql.Connection, user: string): Promise<void> {
  const deadline = Date.now() + KILL_WAIT_MS;
  for (;;) {
    const [rows] = await c.query<(mysql.RowDataPacket & { ID: number })[]>(
      'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()',
      [user],
    );
    if (rows.length === 0) return;
    if (Date.now() > deadline) throw new ConnectorError(`mysql: ${rows.length} connection(s) of ${user} did not end within ${KILL_WAIT_MS / 1000} s`);
    for (const { ID } of rows) {
      await c.query(`KILL CONNECTION ${Number(ID)}`).catch((error: { errno?: number }) => {
        if (error.errno !== ER_NO_SUCH_THREAD) throw error; // it ended on its own meanwhile
      });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
