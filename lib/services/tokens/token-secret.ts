import crypto from 'node:crypto';

// The shape of an API token secret: "tbx_" + 32 random bytes in base64url (43 characters).
// Only its SHA-256 is stored; the prefix shown in lists is the first 8 characters after "tbx_".
const PREFIX = 'tbx_';
const SECRET_PATTERN = /^tbx_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): string {
  return PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** Cheap shape check, so malformed bearer values are refused without a database lookup. */
export function isTokenSecretShape(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

export function hashTokenSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(PREFIX.length, PREFIX.length + 8);
}
