import type { Db } from '@/lib/db/client';
import { SIGNATURE_HEADER, signTimeboxPayload } from '@/lib/connectors/webhook/webhook-signature';
import type { AppConfig } from '@/lib/config/env';
import { postJson } from '@/lib/notify/post-json';
import type { NotifySettings } from '@/lib/notify/settings';
import { appendCheckpoint, readLatestCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint';
import { readChainHead } from './seal';

export interface CheckpointSinks {
  /** The JSON-lines file (AUDIT_CHECKPOINT_FILE). */
  file: string;
  key: string;
  /** The least time between two checkpoints (AUDIT_CHECKPOINT_INTERVAL_SECONDS). */
  intervalMs: number;
  /** The notification webhook, when configured: a copy off this machine, signed like every notification. */
  webhook?: { url: string; secret: string; timeoutMs: number };
}

export function checkpointSinksFrom(config: Pick<AppConfig, 'auditCheckpointFile' | 'AUDIT_CHECKPOINT_INTERVAL_SECONDS'>, key: string, notify: NotifySettings): CheckpointSinks {
  return { file: config.auditCheckpointFile, key, intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000, ...(notify.webhook ? { webhook: { ...notify.webhook, timeoutMs: notify.timeoutMs } } : {}) };
}

/** The webhook body: the checkpoint, as a `audit.checkpoint` event. Its id is stable per head, for de-duplication. */
export function checkpointWebhookBody(checkpoint: Checkpoint) {
  return { id: `audit-checkpoint-${checkpoint.chainIndex}-${checkpoint.hash.slice(0, 16)}`, type: 'audit.checkpoint', createdAt: checkpoint.at, checkpoint };
}

/**
 * Writes a signed checkpoint of the chain's head when the last one in the file is at least an interval
 * old and the head moved since (an idle trail adds no lines). Call it after sealing; every scheduler pass
 * may call it, since the file itself says when the last one was written. Returns what it wrote, or null.
 * The file is written first: an unreachable webhook throws after it, and a later pass sends a later one.
 */
export async function writeCheckpoint(db: Db, sinks: CheckpointSinks, now: Date): Promise<Checkpoint | null> {
  const latest = await readLatestCheckpoint(sinks.file);
  if (latest.kind === 'checkpoint' && now.getTime() - Date.parse(latest.checkpoint.at) < sinks.intervalMs) return null;
  const head = await readChainHead(db);
  if (!head) return null;
  if (latest.kind === 'checkpoint' && latest.checkpoint.chainIndex === head.chainIndex.toString() && latest.checkpoint.hash === head.hash) return null;
  const checkpoint = signCheckpoint(head, now, sinks.key);
  await appendCheckpoint(sinks.file, checkpoint);
  if (sinks.webhook) {
    const body = JSON.stringify(checkpointWebhookBody(checkpoint));
    await postJson(sinks.webhook.url, body, sinks.webhook.timeoutMs, {
      'Idempotency-Key': checkpointWebhookBody(checkpoint).id,
      'Timebox-Event': 'audit.checkpoint',
      // Signed at the moment of sending (receivers check that against their clock), whatever `now` says.
      [SIGNATURE_HEADER]: signTimeboxPayload(body, sinks.webhook.secret, Math.floor(Date.now() / 1000)),
    });
  }
  return checkpoint;
}
