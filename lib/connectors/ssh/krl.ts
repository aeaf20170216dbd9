import { sshString, uint32, uint64, WireReader } from './ssh-wire';

// OpenSSH PROTOCOL.krl, format version 1. Only what Timebox needs: one certificates section for our CA,
// revoking by serial and (optionally) by key id. ssh-keygen -k writes the same bytes; doing it here keeps
// GET /api/v1/ssh/krl a pure function of the database (no temp files, no process per request).
const KRL_MAGIC = Buffer.from('SSHKRL\n\0', 'latin1');
const KRL_FORMAT_VERSION = 1;
const KRL_SECTION_CERTIFICATES = 1;
const KRL_SECTION_CERT_SERIAL_LIST = 0x20;
const KRL_SECTION_CERT_KEY_ID = 0x23;
const MAX_U64 = (1n << 64n) - 1n;

export interface KrlOptions {
  /** Also revoke every certificate with these key ids (`timebox:<grantId>:<email>`), whatever their serial. */
  keyIds?: readonly string[];
  /** Defaults to now; sshd ignores it, `ssh-keygen -Q -l` shows it. */
  generatedAt?: Date;
  comment?: string;
}

/** The SSH wire blob of a one-line OpenSSH public key ("ssh-ed25519 AAAA… comment"). */
export function publicKeyBlob(publicKeyLine: string): Buffer {
  const [type, base64] = publicKeyLine.trim().split(/\s+/);
  const blob = Buffer.from(base64 ?? '', 'base64');
  let inner: string | undefined;
  try {
    inner = new WireReader(blob).string();
  } catch {
    inner = undefined;
  }
  if (!type || inner !== type) throw new Error('CA public key must be one OpenSSH public key line');
  return blob;
}

function toSerial(value: bigint | string | number): bigint {
  const serial = typeof value === 'bigint' ? value : /^\d{1,20}$/.test(String(value)) ? BigInt(value) : -1n;
  // OpenSSH rejects a whole KRL that lists serial 0, which would lock everyone out: refuse it here.
  if (serial < 1n || serial > MAX_U64) throw new Error(`invalid certificate serial ${String(value).slice(0, 30)}`);
  return serial;
}

/**
 * Builds a binary OpenSSH key revocation list for sshd's `RevokedKeys`, revoking the given certificate
 * serials of the CA `caPublicKey`. An empty list is a valid KRL that revokes nothing.
 */
export function buildKrl(serials: readonly (bigint | string)[], caPublicKey: string, options: KrlOptions = {}): Buffer {
  const caBlob = publicKeyBlob(caPublicKey);
  const sorted = [...new Set(serials.map(toSerial))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keyIds = [...new Set(options.keyIds ?? [])].sort();
  const generated = BigInt(Math.floor((options.generatedAt ?? new Date()).getTime() / 1000));

  const parts: Buffer[] = [
    KRL_MAGIC,
    uint32(KRL_FORMAT_VERSION),
    uint64(generated), // krl_version: increases with time, which is all a reader compares
    uint64(generated), // generated_date
    uint64(0n), // flags
    sshString(''), // reserved
    sshString(options.comment ?? 'timebox'),
  ];

  if (sorted.length > 0 || keyIds.length > 0) {
    const section: Buffer[] = [sshString(caBlob), sshString('')];
    if (sorted.length > 0) section.push(Buffer.from([KRL_SECTION_CERT_SERIAL_LIST]), sshString(Buffer.concat(sorted.map(uint64))));
    if (keyIds.length > 0) section.push(Buffer.from([KRL_SECTION_CERT_KEY_ID]), sshString(Buffer.concat(keyIds.map((id) => sshString(id)))));
    parts.push(Buffer.from([KRL_SECTION_CERTIFICATES]), sshString(Buffer.concat(section)));
  }
  return Buffer.concat(parts);
}
