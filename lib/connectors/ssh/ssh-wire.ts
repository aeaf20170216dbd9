/**
 * The SSH wire encoding (RFC 4251 §5): big-endian integers and uint32-length-prefixed strings.
 * Used to read public key blobs and to write KRLs; small enough that a dependency would be heavier.
 */

export class WireReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.offset === this.buf.length;
  }

  uint32(): number {
    if (this.offset + 4 > this.buf.length) throw new Error('truncated');
    const value = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  bytes(): Buffer {
    const length = this.uint32();
    if (this.offset + length > this.buf.length) throw new Error('truncated');
    const value = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  string(): string {
    return this.bytes().toString('latin1');
  }
}

export function uint32(value: number): Buffer {
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(value);
  return buf;
}

export function uint64(value: bigint): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(value);
  return buf;
}

export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

/** Bit length of an SSH mpint (two's complement, big-endian, may carry a leading zero byte). */
export function mpintBits(mpint: Buffer): number {
  let i = 0;
  while (i < mpint.length && mpint[i] === 0) i++;
  if (i === mpint.length) return 0;
  return (mpint.length - i - 1) * 8 + (32 - Math.clz32(mpint[i]!));
}
