import { describe, expect, it } from 'vitest';
import { buildKrl } from './krl';

const CA = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICEft8JhPglfFiAVjJ1/XmV8Zl1YvPzjd4WS6fh2q1OL ca@example';
// `ssh-keygen -k -s ca.pub` over "serial: 5", "serial: 1234567890123", "id: timebox:g1:a@b.c", after its header.
const OPENSSH_SECTIONS =
  '0100000069000000330000000b7373682d6564323535313900000020211fb7c2613e095f1620158c9d7f5e657c665d58bcfce377' +
  '8592e9f876ab538b00000000200000001000000000000000050000011f71fb04cb23000000140000001074696d65626f783a67313a6140622e63';

describe('buildKrl', () => {
  const at = new Date('2026-01-05T09:00:00Z');

  it('writes the header OpenSSH expects', () => {
    const krl = buildKrl([], CA, { generatedAt: at, comment: '' });
    expect(krl.subarray(0, 8).toString('latin1')).toBe('SSHKRL\n\0');
    expect(krl.readUInt32BE(8)).toBe(1); // format version
    expect(krl.readBigUInt64BE(20)).toBe(BigInt(at.getTime() / 1000)); // generated_date
    expect(krl.length).toBe(44); // no sections: revokes nothing
  });

  it('writes the same certificate section bytes as ssh-keygen -k, sorted and de-duplicated', () => {
    const krl = buildKrl(['1234567890123', 5n, '5'], CA, { keyIds: ['timebox:g1:a@b.c'], generatedAt: at, comment: '' });
    expect(krl.subarray(44).toString('hex')).toBe(OPENSSH_SECTIONS);
  });

  it('refuses serial 0 and non-numbers, which would make sshd reject the whole list', () => {
    expect(() => buildKrl(['0'], CA)).toThrow('invalid certificate serial 0');
    expect(() => buildKrl(['-3'], CA)).toThrow(/invalid certificate serial/);
    expect(() => buildKrl(['18446744073709551616'], CA)).toThrow(/invalid certificate serial/);
    expect(() => buildKrl(['18446744073709551615'], CA)).not.toThrow();
  });

  it('refuses a CA key that is not an OpenSSH public key line', () => {
    expect(() => buildKrl([1n], 'not a key')).toThrow('CA public key must be one OpenSSH public key line');
    expect(() => buildKrl([1n], CA.replace('ssh-ed25519', 'ssh-rsa'))).toThrow(/CA public key/);
  });
});
