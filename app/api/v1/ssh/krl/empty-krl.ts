import { buildKrl } from '@/lib/connectors/ssh';

// buildKrl needs a CA key only to write a certificates section; an empty list has none, so any
// well-formed key line will do. This one (ed25519, all-zero point) is used when the real CA cannot be read.
const lengthPrefixed = (data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), data]);
const placeholderKey = `ssh-ed25519 ${Buffer.concat([lengthPrefixed(Buffer.from('ssh-ed25519')), lengthPrefixed(Buffer.alloc(32))]).toString('base64')}`;

/** A valid KRL that revokes nothing: what a host may safely install when nothing better is known. */
export function emptyKrl(now: Date): Buffer {
  return buildKrl([], placeholderKey, { generatedAt: now });
}
