import { getConfig } from '@/lib/config/env';
import type { Db } from '@/lib/db/client';
import { notifySettings } from '@/lib/notify/settings';
import { readLatestCheckpoint, type LatestCheckpoint } from './checkpoint';
import { checkpointSinksFrom, writeCheckpoint } from './checkpoint-pass';
import type { Checkpoint } from './checkpoint';
import { auditSigningKey } from './signing-key';

// The configured checkpoint sinks, for the scheduler (internal or /api/cron/expire) and for verify.

const globalForCheckpoints = globalThis as unknown as { timeboxCheckpointFile?: string | null };

/** The checkpoint file in force: AUDIT_CHECKPOINT_FILE (or its default), or one a test put in place. */
function checkpointFile(): string {
  return globalForCheckpoints.timeboxCheckpointFile ?? getConfig().auditCheckpointFile;
}

/** Tests give each database a checkpoint file of its own, so no trail is compared with another's checkpoints. */
export function overrideCheckpointFile(file: string | null): void {
  globalForCheckpoints.timeboxCheckpointFile = file;
}

/** One scheduler pass's checkpoint, when one is due. */
export function checkpointPass(db: Db, now: Date): Promise<Checkpoint | null> {
  const config = getConfig();
  return writeCheckpoint(db, checkpointSinksFrom({ ...config, auditCheckpointFile: checkpointFile() }, auditSigningKey(), notifySettings()), now);
}

/** The latest checkpoint this instance wrote, for verify to compare the chain against. */
export function latestConfiguredCheckpoint(): Promise<LatestCheckpoint> {
  return readLatestCheckpoint(checkpointFile());
}
