import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseUserPublicKey } from './ssh-public-key';
import { sshString } from './ssh-wire';

// Public key lines built from Node-generated keys, so the test needs no ssh-keygen.
const b64url = (s: string) => Buffer.from(s, 'base64url');
const line = (type: string, ...fields: Buffer[]) => `${type} ${Buffer.concat([sshString(type), ...fields.map((f) => sshString(f))]).toString('base64')} me@laptop`;

function ed25519Line() {
  const jwk = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return line('ssh-ed25519', b64url(jwk.x!));
}

function rsaLine(bits: number) {
  const jwk = crypto.generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });
  const mpint = (b: Buffer) => (b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  return line('ssh-rsa', mpint(b64url(jwk.e!)), mpint(b64url(jwk.n!)));
}

function ecdsaLine() {
  const raw = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  return line('ecdsa-sha2-nistp256', Buffer.from('nistp256'), raw);
}

function rejection(input: string): AppError {
  try {
    parseUserPublicKey(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unprocessable', details: { field: 'publicKey' } });
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('parseUserPublicKey', () => {
  it('accepts ed25519, ECDSA and RSA of 3072+ bits, dropping the comment', () => {
    const ed = parseUserPublicKey(ed25519Line());
    expect(ed.type).toBe('ssh-ed25519');
    expect(ed.line).not.toContain('me@laptop');
    expect(ed.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(parseUserPublicKey(ecdsaLine()).type).toBe('ecdsa-sha2-nistp256');
    expect(parseUserPublicKey(rsaLine(3072))).toMatchObject({ type: 'ssh-rsa', bits: 3072 });
  });

  it('refuses short RSA, DSA, certificates and security-key types by name', () => {
    expect(rejection(rsaLine(2048)).message).toBe('RSA key has 2048 bits; at least 3072 are required (or use ssh-ed25519)');
    expect(rejection(line('ssh-dss', Buffer.alloc(20))).message).toMatch(/^key type ssh-dss is not accepted; use ssh-ed25519/);
    expect(rejection(line('ssh-ed25519-cert-v01@openssh.com', Buffer.alloc(32))).message).toMatch(/not accepted/);
    expect(rejection(line('sk-ssh-ed25519@openssh.com', Buffer.alloc(32))).message).toMatch(/not accepted/);
  });

  it('refuses malformed input with a message that says what to paste', () => {
    expect(rejection('').message).toBe('public key is empty');
    expect(rejection('-----BEGIN OPENSSH PRIVATE KEY-----\nabc').message).toMatch(/paste exactly one public key line|private key/);
    expect(rejection('-----BEGIN OPENSSH PRIVATE KEY----- abc').message).toMatch(/that is a private key/);
    expect(rejection('ssh-ed25519').message).toMatch(/must look like/);
    expect(rejection(`${ed25519Line()}\n${ed25519Line()}`).message).toBe('paste exactly one public key line');
    // Type on the line and inside the blob disagree: someone edited the prefix.
    expect(rejection(ed25519Line().replace(/^ssh-ed25519/, 'ssh-rsa')).message).toMatch(/of type ssh-ed25519, not ssh-rsa/);
    expect(rejection(`ssh-ed25519 ${Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(31))]).toString('base64')}`).message).toMatch(/wrong length/);
    expect(rejection(`ssh-ed25519 ${Buffer.concat([sshString('ssh-ed25519'), Buffer.from([0, 0, 0, 32, 1])]).toString('base64')}`).message).toMatch(/truncated/);
  });
});
