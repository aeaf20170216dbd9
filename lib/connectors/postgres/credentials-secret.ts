import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * The per-grant principal name: `tbx_` + the first 12 hex digits of the grant id (a UUID), or of its
 * SHA-256 when the id is not hex. Stable, so provision and deprovision find the same role after a crash.
 */
export function grantPrincipal(grantId: string): string {
  const hex = grantId.toLowerCase().replace(/-/g, '');
  const id = /^[0-9a-f]{12,}$/.test(hex) ? hex.slice(0, 12) : createHash('sha256').update(grantId).digest('hex').slice(0, 12);
  return `tbx_${id}`;
}

/** 192 random bits, URL-safe (no quoting surprises in connection URLs or shells). */
export const randomPassword = () => randomBytes(24).toString('base64url');

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677), computed here so the plain
 * password never travels to the server, where log_statement or pg_stat_statements could record it.
 * Only for our generated ASCII passwords: SASLprep leaves those unchanged.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
