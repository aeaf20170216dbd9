import crypto from 'node:crypto';

/**
 * `Timebox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The timestamp is inside
 * the signed string, so a captured request cannot be replayed later with a fresh `t`; receivers reject
 * timestamps outside a tolerance window (5 minutes by default).
 */
export const SIGNATURE_HEADER = 'Timebox-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The header value for `rawBody` signed at `timestampSeconds`. */
export function signTimeboxPayload(rawBody: string | Buffer, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, rawBody)}`;
}

/** Why a signature is not valid, or null when it is. Receivers usually want verifyTimeboxSignature. */
export function timeboxSignatureProblem(
  rawBody: string | Buffer,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now: Date | number = Date.now(),
): string | null {
  if (!header) return 'missing Timebox-Signature header';
  let timestamp: string | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't') timestamp = value;
    else if (key === 'v1' && value) candidates.push(value); // several v1 values are allowed, e.g. while a secret rotates
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || candidates.length === 0) return 'malformed Timebox-Signature header';

  const nowSeconds = Math.floor(Number(now) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return 'signature timestamp outside the tolerance window';

  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  const matches = candidates.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    // timingSafeEqual needs equal lengths; a length mismatch leaks nothing about the secret.
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
  return matches ? null : 'signature does not match';
}

/**
 * Reference verifier for receivers: true only when `header` carries an HMAC-SHA256 of "<t>.<rawBody>"
 * under `secret`, compared in constant time, with `t` within `toleranceSeconds` of `now`.
 * `rawBody` must be the exact bytes received, before any JSON parsing.
 */
export function verifyTimeboxSignature(
  rawBody: string | Buffer,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now: Date | number = Date.now(),
): boolean {
  return timeboxSignatureProblem(rawBody, header, secret, toleranceSeconds, now) === null;
}
