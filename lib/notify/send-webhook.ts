import { SIGNATURE_HEADER, signTimeboxPayload } from '@/lib/connectors/webhook/webhook-signature';
import { absoluteLink, type NotificationMessage } from './message';
import { postJson } from './post-json';
import type { NotifySettings } from './settings';

/**
 * One notification as signed JSON, the same signature as the webhook connector (`Timebox-Signature: t=…,v1=…`).
 * `id` is the outbox row's id: stable across retries, also sent as `Idempotency-Key` so receivers de-duplicate.
 */
export function webhookBody(id: string, createdAt: Date, message: NotificationMessage, baseUrl: string) {
  return {
    id,
    type: `notification.${message.kind}`,
    createdAt: createdAt.toISOString(),
    subject: message.subject,
    urgent: message.urgent ?? false,
    link: absoluteLink(baseUrl, message.link.path),
    ...message.event,
  };
}

export async function sendWebhook(settings: NotifySettings, id: string, createdAt: Date, message: NotificationMessage, now: Date): Promise<void> {
  const webhook = settings.webhook!;
  const body = JSON.stringify(webhookBody(id, createdAt, message, settings.baseUrl));
  await postJson(webhook.url, body, settings.timeoutMs, {
    'Idempotency-Key': id,
    'Timebox-Event': `notification.${message.kind}`,
    [SIGNATURE_HEADER]: signTimeboxPayload(body, webhook.secret, Math.floor(now.getTime() / 1000)),
  });
}
