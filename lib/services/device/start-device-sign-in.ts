import { Prisma } from '@/lib/db/generated/client';
import type { ServiceDeps } from '../deps';
import { generateDeviceCode, generateUserCode, hashCode } from './device-codes';
import { DEVICE_CODE_TTL_MS, POLL_INTERVAL_SECONDS } from './device-settings';

export interface DeviceCodes {
  deviceCode: string;
  userCode: string;
  expiresAt: Date;
  intervalSeconds: number;
}

// Codes older than this are of no use to anyone: removed when new ones are made, so the table stays small.
const KEEP_ENDED_MS = 24 * 60 * 60_000;

/**
 * Starts a device sign-in for "Timebox CLI on <host>": the CLI gets both codes, the database only their
 * hashes. Anonymous by nature (the CLI has no token yet); the route rate-limits it per address.
 */
export async function startDeviceSignIn(deps: ServiceDeps, input: { host: string }): Promise<DeviceCodes> {
  const now = deps.clock.now();
  await deps.db.deviceAuthorization.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_ENDED_MS) } } });
  const expiresAt = new Date(now.getTime() + DEVICE_CODE_TTL_MS);
  // A user code is short, so it can collide with a live one: draw again (the unique index decides).
  for (let attempt = 0; ; attempt++) {
    const deviceCode = generateDeviceCode();
    const userCode = generateUserCode();
    try {
      await deps.db.deviceAuthorization.create({
        data: {
          deviceCodeHash: hashCode(deviceCode),
          userCodeHash: hashCode(userCode),
          clientName: `Timebox CLI on ${input.host}`,
          intervalSeconds: POLL_INTERVAL_SECONDS,
          scopes: [],
          expiresAt,
          createdAt: now,
        },
      });
      return { deviceCode, userCode, expiresAt, intervalSeconds: POLL_INTERVAL_SECONDS };
    } catch (error) {
      if (attempt < 3 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue;
      throw error;
    }
  }
}
