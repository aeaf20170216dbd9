import { createHash } from 'node:crypto';

// The one definition of what an audit event's hash covers. The sealer, the verifier and the volume
// seeder all go through here, so a stored event and a freshly computed one can only agree if every
// immutable field is byte-for-byte what it was when the event was chained.

/** The immutable part of an event: everything but the chain columns and the derived searchText. */
export interface CanonicalEventFields {
  id: string;
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceId: string | null;
  entitlementId: string | null;
  requestId: string | null;
  grantId: string | null;
  tokenId: string | null;
  statusFrom: string | null;
  statusTo: string | null;
  ip: string | null;
  userAgent: string | null;
  data: unknown;
}

/** prevHash of the first event in the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the canonical form ever changes, so old and new events can be told apart. */
const CANONICAL_VERSION = 1;

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) at every depth,
 * arrays in order, and no whitespace. JSONB already forgets key order, so the order must come from here.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // undefined / functions have no JSON form; inside objects they are skipped (below), at the top they read as null.
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : stableJson(value[i]));
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    if (record[key] === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${stableJson(record[key])}`;
    first = false;
  }
  return `${out}}`;
}

const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * The canonical form of an event: the stable JSON of its immutable fields and `v`. Written out key by
 * key in sorted order (the same text stableJson gives for that object — a unit test holds them equal),
 * because the seeder and the verifier run it a million times.
 */
export function canonicalEvent(event: CanonicalEventFields): string {
  return (
    `{"action":${str(event.action)},"actorId":${str(event.actorId)},"actorLabel":${str(event.actorLabel)},"data":${stableJson(event.data ?? {})}` +
    `,"entitlementId":${str(event.entitlementId)},"grantId":${str(event.grantId)},"id":${str(event.id)},"ip":${str(event.ip)}` +
    `,"occurredAt":"${event.occurredAt.toISOString()}","requestId":${str(event.requestId)},"resourceId":${str(event.resourceId)},"seq":"${event.seq}"` +
    `,"statusFrom":${str(event.statusFrom)},"statusTo":${str(event.statusTo)},"tokenId":${str(event.tokenId)},"userAgent":${str(event.userAgent)},"v":${CANONICAL_VERSION}}`
  );
}

/** The same text, the slow and obvious way: what canonicalEvent must always equal. */
export function canonicalEventReference(event: CanonicalEventFields): string {
  const { id, seq, occurredAt, actorId, actorLabel, action, resourceId, entitlementId, requestId, grantId, tokenId, statusFrom, statusTo, ip, userAgent, data } = event;
  return stableJson({ v: CANONICAL_VERSION, id, seq: seq.toString(), occurredAt: occurredAt.toISOString(), actorId, actorLabel, action, resourceId, entitlementId, requestId, grantId, tokenId, statusFrom, statusTo, ip, userAgent, data: data ?? {} });
}

/**
 * hash = SHA-256(chainIndex ‖ prevHash ‖ canonical event). The position is hashed too, so renumbering
 * the chain (to hide a removed event) breaks the event's own hash, not just its neighbour's link.
 */
export function chainHash(chainIndex: bigint, prevHash: string, event: CanonicalEventFields): string {
  return chainHashOf(chainText(chainIndex, prevHash, event));
}

/** What a link covers: its position, the previous hash and the canonical event (hashed, and signed by the sealer). */
export function chainText(chainIndex: bigint, prevHash: string, event: CanonicalEventFields): string {
  return `${chainIndex}\n${prevHash}\n${canonicalEvent(event)}`;
}

export function chainHashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
