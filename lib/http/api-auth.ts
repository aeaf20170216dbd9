import crypto from 'node:crypto';

/** Reads `Authorization: Bearer <credential>`; null when absent or not the Bearer scheme. */
export function bearerCredential(headers: Headers): string | null {
  const value = headers.get('authorization');
  if (!value) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value);
  return match ? match[1]! : null;
}

const digest = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison of a shared secret: equal-length digests, so neither content nor length leaks. */
export function secretMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  return crypto.timingSafeEqual(digest(given), digest(expected));
}
