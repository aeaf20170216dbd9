import { operations } from '@/lib/http/contract/operations';
import { publicRoute } from '@/lib/http/public-route';
import { addressKey, rateLimitsFor } from '@/lib/http/rate-limit';
import { startDeviceSignIn } from '@/lib/services/device/start-device-sign-in';

export const dynamic = 'force-dynamic';

// `timebox login`, step one: anonymous, so limited per address. The verification URI is a path on this
// server; the CLI joins it to the URL it already talks to (we never trust a Host header for links).
export const POST = publicRoute(operations.startDeviceSignIn, async ({ deps, meta, body }) => {
  await rateLimitsFor(deps.db).consume('deviceSignIn', `address:${addressKey(meta.ip)}`, { ip: meta.ip, userAgent: meta.userAgent });
  const codes = await startDeviceSignIn(deps, { host: body.host });
  const expiresIn = Math.round((codes.expiresAt.getTime() - deps.clock.now().getTime()) / 1000);
  return {
    status: 200,
    body: {
      deviceCode: codes.deviceCode,
      userCode: codes.userCode,
      verificationUri: '/device',
      verificationUriComplete: `/device?code=${encodeURIComponent(codes.userCode)}`,
      expiresIn,
      interval: codes.intervalSeconds,
    },
  };
});
