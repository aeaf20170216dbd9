import type mysql from 'mysql2/promise';
import { AppError } from '@/lib/errors';
import { ConnectorError } from '../kit/connector-error';
import { databaseCredentials } from '../kit/credentials-url';
import { grantPrincipal } from '../kit/principal-name';
import { randomPassword } from '../kit/random-password';
import type { DatabaseCredentials, GrantTarget } from '../types';
import type { MysqlAdmin } from './admin-client';
import { scheduleEndEvent } from './end-event';
import { nativePasswordHash } from './native-password-hash';
import type { MysqlTarget } from './settings';
import { account, literal } from './sql-quote';

/**
 * Sets a fresh password on the grant's user (replacing any earlier one), unlocks it, and re-asserts the
 * end-time event (the grant may have been extended). Timebox keeps no copy of the password.
 */
export async function issuePassword(admin: MysqlAdmin, t: MysqlTarget, target: GrantTarget, now: Date): Promise<DatabaseCredentials> {
  if (now >= target.expiresAt) throw new AppError('conflict', 'the grant has ended; no new credentials');
  const username = grantPrincipal(target.grantId);
  const password = randomPassword();
  await admin.withAdmin(t, async (c) => {
    const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?', [username, t.userHost]);
    if (rows.length === 0) throw new ConnectorError(`access is not provisioned on the target (user ${username} is missing)`);
    // Only the hash crosses the wire, never the password itself.
    await c.query(`ALTER USER ${account(username, t.userHost)} IDENTIFIED VIA mysql_native_password USING ${literal(nativePasswordHash(password))} ACCOUNT UNLOCK`);
    await scheduleEndEvent(c, t, username, target);
  });
  return databaseCredentials({ kind: 'mysql', username, password, host: t.publicHost, port: t.publicPort, database: t.database }, target.expiresAt);
}
