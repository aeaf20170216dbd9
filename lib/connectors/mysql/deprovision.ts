import type mysql from 'mysql2/promise';
import { ConnectorError } from '../kit/connector-error';
import type { MysqlAdmin } from './admin-client';
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
  await admin.withAdmin(t, async (c) => {
    await c.query(`DROP USER IF EXISTS ${account(user, host)}`);
    await killConnections(c, user);
    await c.query(`DROP EVENT IF EXISTS ${ident(t.database)}.${ident(endEventName(user))}`);
  });
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
