import { operations } from '@/lib/http/contract/operations';
import { publicRoute } from '@/lib/http/public-route';
import { addressKey, rateLimitsFor } from '@/lib/http/rate-limit';
import { redeemDeviceCode, type DevicePoll } from '@/lib/services/device/redeem-device-code';

export const dynamic = 'force-dynamic';

const messages: Record<Exclude<DevicePoll['state'], 'issued'>, string> = {
  authorization_pending: 'Waiting for you to approve the sign-in in the browser.',
  slow_down: 'Polling too fast: wait 5 seconds longer between polls.',
  access_denied: 'The sign-in was denied in the browser.',
  expired_token: 'The sign-in code expired before it was approved. Run `timebox login` again.',
  invalid_grant: 'Unknown or already used device code. Run `timebox login` again.',
};

// `timebox login`, step two: the CLI polls until the person approved (RFC 8628 §3.4–3.5). The outcomes
// that are not the token answer 400 with the RFC's error names as `error.code`.
export const POST = publicRoute(operations.redeemDeviceCode, async ({ deps, meta, body }) => {
  await rateLimitsFor(deps.db).consume('devicePoll', addressKey(meta.ip), { ip: meta.ip, userAgent: meta.userAgent });
  const poll = await redeemDeviceCode(deps, { deviceCode: body.deviceCode, ip: meta.ip, userAgent: meta.userAgent });
  if (poll.state !== 'issued') return { status: 400, body: { error: { code: poll.state, message: messages[poll.state] } } };
  return { status: 200, body: { token: poll.token, tokenType: 'Bearer', expiresAt: poll.expiresAt.toISOString(), scopes: poll.scopes, user: poll.user } };
});
