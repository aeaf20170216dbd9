// What the rest of Timebox uses from the webhook connector: the registry entry and the reference verifier.
export { createWebhookConnector, webhookConnector } from './webhook-connector';
export { SIGNATURE_HEADER, signTimeboxPayload, timeboxSignatureProblem, verifyTimeboxSignature } from './webhook-signature';
export { webhookEventId, type WebhookEvent } from './webhook-event';
