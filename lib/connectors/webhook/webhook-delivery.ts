import { ConnectorError } from '../kit/connector-error';
import type { WebhookEvent } from './webhook-event';
import type { WebhookConfig } from './webhook-settings';
import { SIGNATURE_HEADER, signTimeboxPayload } from './webhook-signature';

/** A delivery that was not acknowledged. `retryable` is false for answers that another try will not change (4xx). */
export class WebhookDeliveryError extends ConnectorError {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * POSTs one signed event. Resolves on a 2xx; anything else throws a WebhookDeliveryError whose message
 * names the host only: the URL's path or query may hold a token, and the secret never leaves this function.
 */
export async function deliverWebhook(config: WebhookConfig, event: WebhookEvent, now: Date): Promise<void> {
  const body = JSON.stringify(event);
  const where = config.url.host;
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Timebox-Webhooks/1',
        'Idempotency-Key': event.id,
        'Timebox-Event': event.type,
        [SIGNATURE_HEADER]: signTimeboxPayload(body, config.secret, Math.floor(now.getTime() / 1000)),
      },
      body,
      // A signed POST is not re-sent to wherever a redirect points: a 3xx is a failure to fix in the settings.
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    throw new WebhookDeliveryError(describeFailure(error, where, config.timeoutMs), true);
  }
  // Free the connection; the receiver's body is not read (it might echo anything).
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  const hint = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
  throw new WebhookDeliveryError(`webhook ${where} answered HTTP ${response.status}${hint}`, retryable);
}

function describeFailure(error: unknown, where: string, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `webhook ${where} did not answer within ${timeoutMs} ms`;
  // undici puts the socket error ("connect ECONNREFUSED 127.0.0.1:9") in cause; it names an address, never the path.
  const cause = err.cause?.message ?? err.cause?.code ?? err.message;
  return `webhook unreachable: ${String(cause).slice(0, 200)}`;
}
