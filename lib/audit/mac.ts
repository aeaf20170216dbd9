import { createHmac, timingSafeEqual } from 'node:crypto';
import { stableJson, type CanonicalEventFields } from './canonical';

// The three MACs of the trail, each under AUDIT_SIGNING_KEY and each with its own label, so that no
// MAC of one kind can be passed off as another.

/** The fields an event has before the database assigns seq and occurredAt: what appendAudit signs. */
export type InsertedEventFields = Omit<CanonicalEventFields, 'seq' | 'occurredAt'>;

function hmac(key: string, label: string, text: string): string {
  return createHmac('sha256', key).update(`timebox-audit-${label}\n${text}`).digest('hex');
}

/** true when `mac` is `expected` (constant time: a forger learns nothing from how long a refusal took). */
export function macMatches(mac: string | null, expected: string): boolean {
  if (mac === null || mac.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
}

/**
 * The insert MAC: the event's content as the application wrote it — everything in the canonical form
 * but seq and occurredAt, which the database sets. The id is in it, so a signed row cannot be replayed.
 */
export function insertMac(key: string, event: InsertedEventFields): string {
  const { id, actorId, actorLabel, action, resourceId, entitlementId, requestId, grantId, tokenId, statusFrom, statusTo, ip, userAgent, data } = event;
  return hmac(key, 'insert', stableJson({ v: 1, id, actorId, actorLabel, action, resourceId, entitlementId, requestId, grantId, tokenId, statusFrom, statusTo, ip, userAgent, data: data ?? {} }));
}

/** The seal MAC: of the same text the chain hash covers (chainText: position, previous hash, canonical event with seq and time). */
export function sealMac(key: string, chainText: string): string {
  return hmac(key, 'seal', chainText);
}

/** A checkpoint's MAC: the head it records and when. */
export function checkpointMac(key: string, checkpoint: { chainIndex: string; hash: string; at: string }): string {
  return hmac(key, 'checkpoint', `${checkpoint.chainIndex}\n${checkpoint.hash}\n${checkpoint.at}`);
}
