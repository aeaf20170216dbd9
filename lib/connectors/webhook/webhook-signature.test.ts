import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signTimeboxPayload, timeboxSignatureProblem, verifyTimeboxSignature } from './webhook-signature';

const secret = 'whsec_0123456789abcdef';
const body = '{"id":"evt_1","type":"grant.activated"}';
const t = 1_767_600_000; // 2026-01-05T08:00:00Z
const at = (seconds: number) => new Date(seconds * 1000);

describe('Timebox-Signature', () => {
  it('is an HMAC-SHA256 over "<t>.<raw body>", the exact string the docs show', () => {
    const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signTimeboxPayload(body, secret, t)).toBe(`t=${t},v1=${expected}`);
    expect(verifyTimeboxSignature(body, `t=${t},v1=${expected}`, secret, 300, at(t))).toBe(true);
    expect(verifyTimeboxSignature(Buffer.from(body), `t=${t},v1=${expected}`, secret, 300, at(t))).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, and a re-dated header', () => {
    const header = signTimeboxPayload(body, secret, t);
    expect(timeboxSignatureProblem(body.replace('activated', 'ended'), header, secret, 300, at(t))).toBe('signature does not match');
    expect(timeboxSignatureProblem(body, header, 'another-secret-0123456', 300, at(t))).toBe('signature does not match');
    // Moving t forward to get past the tolerance breaks the HMAC, since t is signed.
    expect(timeboxSignatureProblem(body, header.replace(`t=${t}`, `t=${t + 1}`), secret, 300, at(t))).toBe('signature does not match');
  });

  it('accepts timestamps within the tolerance either way and refuses older or newer ones', () => {
    const header = signTimeboxPayload(body, secret, t);
    expect(verifyTimeboxSignature(body, header, secret, 300, at(t + 300))).toBe(true);
    expect(verifyTimeboxSignature(body, header, secret, 300, at(t - 300))).toBe(true);
    expect(timeboxSignatureProblem(body, header, secret, 300, at(t + 301))).toBe('signature timestamp outside the tolerance window');
    expect(verifyTimeboxSignature(body, header, secret, 300, at(t - 301))).toBe(false);
    expect(verifyTimeboxSignature(body, header, secret, 10, at(t + 11))).toBe(false);
  });

  it('refuses missing and malformed headers, and accepts any of several v1 values (secret rotation)', () => {
    expect(timeboxSignatureProblem(body, undefined, secret, 300, at(t))).toBe('missing Timebox-Signature header');
    for (const bad of ['v1=abc', `t=${t}`, `t=soon,v1=aa`, 'garbage']) {
      expect(timeboxSignatureProblem(body, bad, secret, 300, at(t)), bad).toBe('malformed Timebox-Signature header');
    }
    expect(verifyTimeboxSignature(body, `t=${t},v1=00`, secret, 300, at(t))).toBe(false); // short: no timingSafeEqual throw
    const good = signTimeboxPayload(body, secret, t).split(',')[1];
    expect(verifyTimeboxSignature(body, `t=${t},v1=${'0'.repeat(64)},${good}`, secret, 300, at(t))).toBe(true);
  });
});
