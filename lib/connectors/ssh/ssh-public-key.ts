import crypto from 'node:crypto';
import { AppError } from '@/lib/errors';
import { mpintBits, WireReader } from './ssh-wire';

export const MIN_RSA_BITS = 3072;
const MAX_LINE = 16_384;

// The key types Timebox signs. DSA is broken, short RSA is weak, and certificates or
// security-key (sk-*) types are not plain keys; everything else is refused by name.
const ECDSA_POINT_BYTES: Record<string, number> = { nistp256: 65, nistp384: 97, nistp521: 133 };

export interface UserPublicKey {
  type: string;
  /** `type base64` without the comment: what ssh-keygen gets, so no user text reaches the certificate. */
  line: string;
  /** SHA256 fingerprint as ssh-keygen prints it, for audit events. */
  fingerprint: string;
  bits?: number;
}

const invalid = (message: string) => new AppError('unprocessable', message, { field: 'publicKey' });

/**
 * Parses one OpenSSH public key line ("ssh-ed25519 AAAA… comment") and checks that its blob really is
 * a key of an accepted type and strength. Throws AppError('unprocessable', …, {field: 'publicKey'}).
 */
export function parseUserPublicKey(input: string): UserPublicKey {
  const text = input.trim();
  if (text.length === 0) throw invalid('public key is empty');
  if (text.length > MAX_LINE) throw invalid('public key is too long');
  if (text.includes('PRIVATE KEY')) throw invalid('that is a private key: paste the public key (the .pub file) instead');
  if (/[\r\n]/.test(text)) throw invalid('paste exactly one public key line');

  const [type = '', base64 = ''] = text.split(/\s+/);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid('public key must look like "ssh-ed25519 AAAA… comment"');
  const blob = Buffer.from(base64, 'base64');

  let bits: number | undefined;
  try {
    const reader = new WireReader(blob);
    const inner = reader.string();
    if (inner !== type) throw invalid(`public key data is of type ${inner.slice(0, 40)}, not ${type.slice(0, 40)}`);
    if (type === 'ssh-ed25519') {
      if (reader.bytes().length !== 32) throw invalid('ssh-ed25519 key has the wrong length');
    } else if (type.startsWith('ecdsa-sha2-')) {
      const curve = type.slice('ecdsa-sha2-'.length);
      const pointBytes = ECDSA_POINT_BYTES[curve];
      if (!pointBytes) throw invalid(`unsupported ECDSA curve ${curve.slice(0, 40)}`);
      if (reader.string() !== curve) throw invalid('ECDSA key names a different curve than its type');
      const point = reader.bytes();
      if (point.length !== pointBytes || point[0] !== 0x04) throw invalid('ECDSA key point is malformed');
    } else if (type === 'ssh-rsa') {
      reader.bytes(); // public exponent
      bits = mpintBits(reader.bytes());
      if (bits < MIN_RSA_BITS) throw invalid(`RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required (or use ssh-ed25519)`);
      if (bits > 16_384) throw invalid('RSA key is too large');
    } else {
      throw invalid(`key type ${type.slice(0, 60)} is not accepted; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of ${MIN_RSA_BITS}+ bits`);
    }
    if (!reader.done) throw invalid('public key has trailing data');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('public key data is truncated');
  }

  const fingerprint = 'SHA256:' + crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { type, line: `${type} ${blob.toString('base64')}`, fingerprint, ...(bits ? { bits } : {}) };
}
