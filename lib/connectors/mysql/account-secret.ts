import { createHash, randomBytes } from 'node:crypto';

/**
 * The per-grant user name: `tbx_` + the first 12 hex digits of the grant id (a UUID), or of its SHA-256
 * when the id is not hex. Stable, so provision and deprovision find the same user after a crash.
 * (Same rule as the postgres connector, so a person sees one name per grant on either target.)
 */
export function grantPrincipal(grantId: string): string {
  const hex = grantId.toLowerCase().replace(/-/g, '');
  const id = /^[0-9a-f]{12,}$/.test(hex) ? hex.slice(0, 12) : createHash('sha256').update(grantId).digest('hex').slice(0, 12);
  return `tbx_${id}`;
}

/** The event that ends the grant inside MariaDB itself (the second guard). */
export const endEventName = (user: string) => `tbx_end_${user.slice('tbx_'.length)}`;

/** 192 random bits, URL-safe (no quoting surprises in connection URLs or shells). */
export const randomPassword = () => randomBytes(24).toString('base64url');

/**
 * The mysql_native_password hash MariaDB stores ('*' + SHA1(SHA1(password)) in hex), computed here so the
 * plain password never travels to the server, where the general log or the processlist could show it.
 */
export function nativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password).digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}
