import { createHash } from 'node:crypto';

/**
 * The mysql_native_password hash MariaDB stores ('*' + SHA1(SHA1(password)) in hex), computed here so the
 * plain password never travels to the server, where the general log or the processlist could show it.
 */
export function nativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password).digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}
