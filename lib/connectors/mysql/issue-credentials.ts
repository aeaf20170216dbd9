import type mysql from 'mysql2/promise';
import { AppError } from '@/lib/errors';
import type { DatabaseCredentials, GrantTarget } from '../types';
import { account, ConnectorError, literal, withAdmin } from './admin-client';
import { grantPrincipal, nativePasswordHash, randomPassword } from './account-secret';
import { scheduleEndEvent } from './end-event';
import type { MysqlTarget } from './settings';

/**
 * Sets a fresh password on the grant's user (replacing any earlier one), unlocks it, and re-asserts the
 * end-time event (the grant may have been extended). Timebox keeps no copy of the password.
 */
export async function issuePassword(t: MysqlTarget, target: GrantTarget, now: Date): Promise<DatabaseCredentials> {
  if (now >= target.expiresAt) throw new AppError('conflict', 'the grant has ended; no new credentials');
  const username = grantPrincipal(target.grantId);
  const password = randomPassword();
  await withAdmin(t, async (c) => {
    const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?', [username, t.userHost]);
    if (rows.length === 0) throw new ConnectorError(`access is not provisioned on the target (user ${username} is missing)`);
    // Only the hash crosses the wire, never the password itself.
    await c.query(`ALTER USER ${account(username, t.userHost)} IDENTIFIED VIA mysql_native_password USING ${literal(nativePasswordHash(password))} ACCOUNT UNLOCK`);
    await scheduleEndEvent(c, t, username, target);
  });
  const { publicHost: host, publicPort: port, database } = t;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    kind: 'mysql',
    username,
    password,
    host,
    port,
    database,
    url: `mysql://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${urlHost}:${port}/${encodeURIComponent(database)}`,
    expiresAt: target.expiresAt.toISOString(),
  };
}
