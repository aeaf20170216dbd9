import crypto from 'node:crypto';

// The two codes of a device sign-in (RFC 8628). The device code is the CLI's secret (32 random bytes);
// the user code is what a person reads from the terminal and types on /device: 8 letters from an
// alphabet without vowels (no words) and without look-alikes, shown as XXXX-XXXX. Only hashes are stored.

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;
const DEVICE_CODE_PATTERN = /^tbxd_[A-Za-z0-9_-]{43}$/;

export function generateDeviceCode(): string {
  return 'tbxd_' + crypto.randomBytes(32).toString('base64url');
}

export const isDeviceCodeShape = (value: string) => DEVICE_CODE_PATTERN.test(value);

export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[crypto.randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as the code it names: case, spaces and dashes do not matter; null when it cannot be one. */
export function normalizeUserCode(typed: string): string | null {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  if (letters.length !== USER_CODE_LENGTH || [...letters].some((c) => !USER_CODE_ALPHABET.includes(c))) return null;
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

export const hashCode = (code: string) => crypto.createHash('sha256').update(code, 'utf8').digest('hex');
