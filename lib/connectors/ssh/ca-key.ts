import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config/env';
import { runSshKeygen } from './ssh-keygen';

export const CA_KEY_ENV = 'TIMEBOX_SSH_CA_KEY';

export interface CaKeyOptions {
  /** Defaults to process.env; only TIMEBOX_SSH_CA_KEY is read. */
  env?: Record<string, string | undefined>;
  /** Where a generated key is kept (`<dataDir>/ssh-ca/ca`); defaults to getConfig().dataDir. */
  dataDir?: string;
  sshKeygen?: string;
}

/**
 * The CA private key stays a file that ssh-keygen reads: Timebox never holds its bytes in memory,
 * so it cannot end up in a log line or an error. `publicKey` is the one-line OpenSSH form.
 */
export interface CaKey {
  file: string;
  publicKey: string;
  source: 'env' | 'generated';
}

// Keyed by path and mtime, so replacing the key file (rotation) is picked up without a restart.
const cache = new Map<string, { mtimeMs: number; key: Promise<CaKey> }>();

/** The CA key named by TIMEBOX_SSH_CA_KEY, or the one generated once under the data directory. */
export async function loadCaKey(options: CaKeyOptions = {}): Promise<CaKey> {
  const env = options.env ?? process.env;
  const configured = env[CA_KEY_ENV]?.trim();
  const source = configured ? 'env' : 'generated';
  const file = configured ? path.resolve(configured) : await ensureGeneratedKey(options);

  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new Error(`${CA_KEY_ENV} names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // ssh-keygen refuses a key file of ours that others can read; say so in our words, naming the fix.
  // (A file owned by someone else, e.g. a root-owned mounted secret, is ssh-keygen's and the OS's call.)
  if (stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) throw new Error(`SSH CA key ${file} must be readable by its owner only (chmod 600 ${file})`);

  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.key;
  const key = readPublicKey(file, options.sshKeygen).then((publicKey) => ({ file, publicKey, source }) as CaKey);
  cache.set(file, { mtimeMs: stat.mtimeMs, key });
  key.catch(() => cache.delete(file));
  return key;
}

/** The CA public key in OpenSSH one-line form, for sshd's TrustedUserCAKeys (GET /api/v1/ssh/ca.pub). */
export async function caPublicKey(options: CaKeyOptions = {}): Promise<string> {
  return (await loadCaKey(options)).publicKey;
}

async function readPublicKey(file: string, sshKeygen?: string): Promise<string> {
  // -P '' makes a passphrase-protected key fail at once instead of waiting for a terminal.
  const out = await runSshKeygen(['-y', '-P', '', '-f', file], { binary: sshKeygen }).catch((error: Error) => {
    throw new Error(`SSH CA key ${file} is not a usable unencrypted OpenSSH private key: ${error.message}`);
  });
  const [type, base64] = out.trim().split(/\s+/);
  return `${type} ${base64} timebox-ssh-ca`;
}

/**
 * Generates an ed25519 CA key once. Two processes starting together must end with ONE key:
 * each writes its own temporary key, then hard-links it to the final name; link() fails with EEXIST
 * for every process but the first, and those use the winner's key. Readers never see a half-written file.
 */
async function ensureGeneratedKey(options: CaKeyOptions): Promise<string> {
  const dir = path.join(options.dataDir ?? getConfig().dataDir, 'ssh-ca');
  const file = path.join(dir, 'ca');
  if (fs.existsSync(file)) return file;

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.ca-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  try {
    await runSshKeygen(['-q', '-t', 'ed25519', '-N', '', '-C', 'timebox-ssh-ca', '-f', tmp], { binary: options.sshKeygen });
    fs.chmodSync(tmp, 0o600);
    if (publish(tmp, file)) publish(`${tmp}.pub`, `${file}.pub`); // the .pub is a convenience copy for admins
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}.pub`, { force: true });
  }
  return file;
}

/** Atomically gives `tmp` the name `final` unless it exists; true when this process won. */
function publish(tmp: string, final: string): boolean {
  try {
    fs.linkSync(tmp, final);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  // Filesystems without hard links: exclusive create is still first-writer-wins.
  try {
    fs.writeFileSync(final, fs.readFileSync(tmp), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
