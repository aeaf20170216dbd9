import crypto from 'node:crypto';
import type { GrantTarget } from '../types';

export type WebhookEventType = 'grant.activated' | 'grant.ended';

/** The JSON body of every delivery. Version-free on purpose: fields are only ever added. */
export interface WebhookEvent {
  /** The same for every retry of one grant's event: receivers de-duplicate on it. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  grant: { id: string; userEmail: string; resource: string; role: string; startsAt: string; expiresAt: string };
  /** grant.ended only: `expired` when the window ran out, `ended-early` for a revoke, kill or failed activation. */
  reason?: 'expired' | 'ended-early';
}

/** Deterministic, so a retried delivery carries the id of the first try. */
export function webhookEventId(grantId: string, type: WebhookEventType): string {
  return 'evt_' + crypto.createHash('sha256').update(`${grantId}:${type}`).digest('hex').slice(0, 32);
}

export function buildWebhookEvent(target: GrantTarget, type: WebhookEventType, now: Date): WebhookEvent {
  return {
    id: webhookEventId(target.grantId, type),
    type,
    createdAt: now.toISOString(),
    grant: {
      id: target.grantId,
      userEmail: target.user.email,
      resource: target.resource.slug,
      role: target.entitlement.role,
      startsAt: target.startsAt.toISOString(),
      expiresAt: target.expiresAt.toISOString(),
    },
    ...(type === 'grant.ended' ? { reason: now.getTime() >= target.expiresAt.getTime() ? 'expired' : 'ended-early' } : {}),
  };
}
