import { type Clock, systemClock } from '@/lib/domain/clock';
import type { Connector, GrantTarget } from '../types';
import { deliverWebhook, WebhookDeliveryError } from './webhook-delivery';
import { buildWebhookEvent, type WebhookEventType } from './webhook-event';
import { resolveWebhookConfig } from './webhook-settings';

export interface WebhookConnectorOptions {
  /** Where the URL and secret env vars are read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Waits between inline provision tries; its length + 1 is the number of tries. Default [300, 1000]. */
  provisionRetryDelaysMs?: number[];
}

/**
 * `webhook` resources: Timebox tells another system (a deploy pipeline, a chat bot) that a grant began
 * (`grant.activated`, from provision) and ended (`grant.ended`, from deprovision) with signed JSON POSTs.
 * The receiver owns whatever access follows; Timebox owns the delivery.
 */
export function createWebhookConnector(options: WebhookConnectorOptions = {}): Connector {
  const clock = options.clock ?? systemClock;
  const delays = options.provisionRetryDelaysMs ?? [300, 1_000];

  const send = (target: GrantTarget, type: WebhookEventType) => {
    const config = resolveWebhookConfig(target.resource, options.env ?? process.env);
    const now = clock.now();
    return deliverWebhook(config, buildWebhookEvent(target, type, now), now);
  };

  return {
    kind: 'webhook',
    // Activation runs inside a user's request (approve, auto-approve), so it gets a few quick tries
    // for a blip, not the patient backoff deprovision gets; a 4xx is final at once. The last error
    // becomes the grant's failure reason.
    async provision(target) {
      for (let attempt = 0; ; attempt++) {
        try {
          await send(target, 'grant.activated');
          return {};
        } catch (error) {
          const retryable = error instanceof WebhookDeliveryError && error.retryable;
          if (!retryable || attempt >= delays.length) throw error;
          await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
        }
      }
    },
    // One try: on failure the grant stays `revoking` and the sweep retries with capped backoff, forever.
    // Re-sending is safe: the event id is the same, so receivers de-duplicate.
    async deprovision(target) {
      await send(target, 'grant.ended');
    },
    // The receiver holds whatever the event started; Timebox cannot ask it. Within the window, the grant is the access.
    async verify(target) {
      const now = clock.now().getTime();
      return target.startsAt.getTime() <= now && now < target.expiresAt.getTime();
    },
    // Nothing to read back from a receiver, so nothing to reconcile.
    async listActual() {
      return [];
    },
  };
}

export const webhookConnector = createWebhookConnector();
