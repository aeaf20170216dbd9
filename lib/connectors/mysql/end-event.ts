import type mysql from 'mysql2/promise';
import { PRINCIPAL_PREFIX } from '../kit/principal-name';
import type { GrantTarget } from '../types';
import type { MysqlTarget } from './settings';
import { account, ident, literal } from './sql-quote';

/** The event that ends the grant inside MariaDB itself (the second guard). */
export const endEventName = (user: string) => `tbx_end_${user.slice(PRINCIPAL_PREFIX.length)}`;

/**
 * The event's comment ties the grant's user to its resource (MariaDB users carry no comment of their own;
 * the grant is in the user's name). Event comments hold 64 characters, a UUID resource id fits.
 */
export const eventComment = (resourceId: string) => `timebox resource ${resourceId}`.slice(0, 64);

/**
 * The second guard. MariaDB has no VALID UNTIL, so a one-time EVENT at the grant's end drops the user
 * and kills its connections, inside the server, whether Timebox is up or not. It runs only while
 * `event_scheduler` is ON (if it is turned on later, overdue events run at once). Returns that setting.
 */
export async function scheduleEndEvent(c: mysql.Connection, t: MysqlTarget, user: string, target: GrantTarget): Promise<string> {
  const name = `${ident(t.database)}.${ident(endEventName(user))}`;
  const at = Math.ceil(target.expiresAt.getTime() / 1000); // events have one-second resolution: never early
  if (at * 1000 <= Date.now()) {
    await c.query(`DROP EVENT IF EXISTS ${name}`); // already over: Timebox's own deprovision ends it
  } else {
    await c.query(
      `CREATE OR REPLACE DEFINER = CURRENT_USER EVENT ${name} ON SCHEDULE AT FROM_UNIXTIME(${at}) ON COMPLETION NOT PRESERVE
       COMMENT ${literal(eventComment(target.resource.id))}
       DO BEGIN DROP USER IF EXISTS ${account(user, t.userHost)}; KILL CONNECTION USER ${literal(user)}; END`,
    );
  }
  const [rows] = await c.query<(mysql.RowDataPacket & { s: string })[]>('SELECT @@GLOBAL.event_scheduler AS s');
  return String(rows[0]?.s ?? 'unknown');
}
