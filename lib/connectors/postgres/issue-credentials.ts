import { AppError } from '@/lib/errors';
import { ConnectorError } from '../kit/connector-error';
import { databaseCredentials } from '../kit/credentials-url';
import { grantPrincipal } from '../kit/principal-name';
import { randomPassword } from '../kit/random-password';
import type { DatabaseCredentials, GrantTarget } from '../types';
import type { PostgresAdmin } from './admin-client';
import { scramVerifier } from './scram-verifier';
import type { PostgresTarget } from './settings';
import { ident, literal } from './sql-quote';

/**
 * Sets a fresh password on the grant's role (replacing any earlier one) and re-asserts VALID UNTIL,
 * then returns it once. Timebox keeps no copy; sessions opened with an earlier password stay open.
 */
export async function issuePassword(admin: PostgresAdmin, pgTarget: PostgresTarget, target: GrantTarget, now: Date): Promise<DatabaseCredentials> {
  if (now >= target.expiresAt) throw new AppError('conflict', 'the grant has ended; no new credentials');
  const username = grantPrincipal(target.grantId);
  const password = randomPassword();
  await admin.withAdmin(pgTarget.adminUrl, async (client) => {
    const { rows } = await client.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [username]);
    if (!rows[0]) throw new ConnectorError(`access is not provisioned on the target (role ${username} is missing)`);
    if (!rows[0].rolcanlogin) throw new ConnectorError(`role ${username} cannot log in (access is being removed)`);
    // Only the SCRAM verifier crosses the wire, never the password itself.
    await client.query(`ALTER ROLE ${ident(username)} WITH PASSWORD ${literal(scramVerifier(password))} VALID UNTIL ${literal(target.expiresAt.toISOString())}`);
  });
  return databaseCredentials({ kind: 'postgres', username, password, host: pgTarget.publicHost, port: pgTarget.publicPort, database: pgTarget.database }, target.expiresAt);
}
