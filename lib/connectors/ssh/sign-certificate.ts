import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '@/lib/domain/clock';
import { AppError } from '@/lib/errors';
import type { GrantTarget, SshCertificate } from '../types';
import { type CaKeyOptions, loadCaKey } from './ca-key';
import { DEFAULT_EXTENSIONS, parseSshEntitlementSettings } from './ssh-settings';
import { parseUserPublicKey } from './ssh-public-key';
import { runSshKeygen } from './ssh-keygen';

/** Backdating covers clocks a little behind ours on the target hosts. */
export const CLOCK_SKEW_SECONDS = 60;

export interface IssuedSshCertificate extends SshCertificate {
  /** `timebox:<grantId>:<email>`: what sshd logs on login, and a second handle a KRL can revoke by. */
  keyId: string;
  /** SHA256 fingerprint of the signed public key, for the audit event. */
  fingerprint: string;
}

export interface SignOptions {
  clock: Clock;
  ca?: CaKeyOptions;
  sshKeygen?: string;
}

/**
 * A random 63-bit serial, never 0 (a KRL cannot list serial 0). 63 bits, not 64, so it fits a signed
 * PostgreSQL bigint should the lead store serials in one; collisions are ~2⁻⁶³-unlikely.
 */
export function newSerial(): bigint {
  for (;;) {
    const serial = crypto.randomBytes(8).readBigUInt64BE() & 0x7fff_ffff_ffff_ffffn;
    if (serial !== 0n) return serial;
  }
}

/**
 * Signs the user's public key as an OpenSSH user certificate for one grant: its principals come from
 * the entitlement, and its validity ends exactly when the grant does, so sshd itself refuses it afterwards.
 */
export async function signUserCertificate(target: GrantTarget, publicKey: string, options: SignOptions): Promise<IssuedSshCertificate> {
  const key = parseUserPublicKey(publicKey);
  let settings;
  try {
    settings = parseSshEntitlementSettings(target.entitlement.settings, target.entitlement.role);
  } catch (error) {
    throw new AppError('unavailable', (error as Error).message);
  }

  const nowSeconds = Math.floor(options.clock.now().getTime() / 1000);
  const validBefore = Math.floor(target.expiresAt.getTime() / 1000); // rounded down: never beyond the grant
  if (target.startsAt.getTime() > options.clock.now().getTime()) throw new AppError('conflict', 'the grant has not started yet');
  if (validBefore <= nowSeconds) throw new AppError('conflict', 'the grant has ended; no certificate can be issued');
  const validAfter = nowSeconds - CLOCK_SKEW_SECONDS;

  const serial = newSerial();
  const keyId = `timebox:${target.grantId}:${target.user.email}`;
  const extensions = settings.extensions ?? DEFAULT_EXTENSIONS;
  const ca = await loadCaKey(options.ca);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'timebox-sign-'));
  try {
    const pub = path.join(dir, 'user.pub');
    await fs.writeFile(pub, key.line + '\n', { mode: 0o600 });
    await runSshKeygen(
      [
        '-q',
        '-s', ca.file,
        '-P', '', // an encrypted CA key fails at once rather than waiting for a terminal
        '-I', keyId,
        '-n', settings.principals.join(','),
        '-V', `0x${validAfter.toString(16)}:0x${validBefore.toString(16)}`,
        '-z', serial.toString(),
        '-O', 'clear', // start from no extensions, then add only what the entitlement allows
        ...extensions.flatMap((ext) => ['-O', ext]),
        pub,
      ],
      { binary: options.sshKeygen },
    );
    const certificate = (await fs.readFile(path.join(dir, 'user-cert.pub'), 'utf8')).trim();
    return {
      certificate,
      principals: settings.principals,
      validAfter: new Date(validAfter * 1000).toISOString(),
      validBefore: new Date(validBefore * 1000).toISOString(),
      serial: serial.toString(),
      keyId,
      fingerprint: key.fingerprint,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
