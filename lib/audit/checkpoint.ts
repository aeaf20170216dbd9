import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkpointMac, macMatches } from './mac';
import type { ChainHead } from './seal';

// A checkpoint is the chain's head (position and hash) at a moment, signed with the audit key and kept
// outside the database: a JSON-lines file under the data directory, and the notification webhook when
// one is set. The chain alone cannot show that its newest events were cut off; a checkpoint can.

export const checkpointSchema = z.object({
  chainIndex: z.string().regex(/^[1-9]\d{0,18}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export function signCheckpoint(head: ChainHead, at: Date, key: string): Checkpoint {
  const unsigned = { chainIndex: head.chainIndex.toString(), hash: head.hash, at: at.toISOString() };
  return { ...unsigned, mac: checkpointMac(key, unsigned) };
}

export function checkpointIsGenuine(checkpoint: Checkpoint, key: string): boolean {
  return macMatches(checkpoint.mac, checkpointMac(key, checkpoint));
}

/** Appends one checkpoint as a line (the file is only ever appended to; created 0600 with its directory). */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
}

/** What the file's last line holds: a checkpoint, nothing (no file, empty), or a line that is not one. */
export type LatestCheckpoint = { kind: 'none' } | { kind: 'checkpoint'; checkpoint: Checkpoint } | { kind: 'unreadable'; line: string };

/** Bytes read from the end of the file: a checkpoint line is ~250, so the last one is surely in here. */
const TAIL_BYTES = 4096;

/** The last checkpoint in the file, reading only its tail (the file grows by a line every few minutes, for years). */
export async function readLatestCheckpoint(file: string): Promise<LatestCheckpoint> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const line = buffer.toString('utf8').trimEnd().split('\n').pop()?.trim() ?? '';
    if (line === '') return { kind: 'none' };
    try {
      const value = JSON.parse(line) as unknown;
      // A line of this file, or a webhook delivery's body as a receiver kept it ({"type":"audit.checkpoint","checkpoint":{…}}).
      const candidate = value && typeof value === 'object' && 'checkpoint' in value ? value.checkpoint : value;
      const parsed = checkpointSchema.safeParse(candidate);
      if (parsed.success) return { kind: 'checkpoint', checkpoint: parsed.data };
    } catch {
      // not JSON: reported below
    }
    return { kind: 'unreadable', line: line.slice(0, 200) };
  } finally {
    await handle.close();
  }
}
