import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { appendAudit } from '@/lib/audit/append';
import { getConfig } from '@/lib/config/env';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { utcTimestamp } from '@/lib/services/metrics/sql-time';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { processWide } from '@/lib/process-wide';

// Rate limits on anything guessable, through rate-limiter-flexible. On PostgreSQL the counters live in the
// RateLimit table (RateLimiterPrisma), so every instance counts the same attempts; on the embedded
// database (one process) they live in memory. A store that fails falls back to memory (the library's
// insurance limiter): a limiter never turns a working request into an error.

/** Each limiter: `points` hits per `duration` seconds per key, then refused for `blockDuration` seconds. */
export const limiterSpecs = {
  /** Failed sign-ins (unknown dev sign-in e-mail) per client address. */
  signInFailure: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Bearer tokens that are unknown, expired or revoked, per client address. */
  badToken: { points: 20, duration: 60, blockDuration: 5 * 60 },
  /** Break-glass activations per user (for the break-glass service to call). */
  breakGlass: { points: 3, duration: 60 * 60, blockDuration: 60 * 60 },
  /** CLI device sign-in: new code pairs per client address, and codes typed on /device per user (guessing). */
  deviceSignIn: { points: 30, duration: 5 * 60, blockDuration: 15 * 60 },
  /** CLI device sign-in polls per client address: a CLI polls every 5 s (60 in 5 minutes), a few may share an address. */
  devicePoll: { points: 240, duration: 5 * 60, blockDuration: 5 * 60 },
} as const satisfies Record<string, { points: number; duration: number; blockDuration: number }>;

export type LimiterName = keyof typeof limiterSpecs;

export interface HitResult {
  limited: boolean;
  retryAfterSeconds: number;
}

/** A key's live count as the database store keeps it (a RateLimit row whose window has not ended). */
export interface StoredCount {
  points: number;
  expire: Date | null;
}

/** Where a caller's own statement finds a key's count: the store's row key, read as of `at`. */
export interface CountRead {
  key: string;
  at: Date;
}

export interface RateLimiters {
  /** 429 (AppError 'rate_limited' with retryAfterSeconds) when `key` is currently refused; counts nothing. */
  assertAllowed(name: LimiterName, key: string): Promise<void>;
  /**
   * For a caller that reads the count inside a statement it sends anyway (one round trip instead of
   * two, see countJoin): what to read, or null when the counts live in memory (then call assertAllowed).
   */
  countRead(name: LimiterName, key: string): CountRead | null;
  /** assertAllowed, given the live count the caller's statement read through countJoin (null: none). */
  assertAllowedFrom(name: LimiterName, count: StoredCount | null): void;
  /**
   * Counts one hit (a failure, or an attempt) against `key`. The hit that starts a block writes one
   * `security.rate_limited` audit event; later refused hits do not, so an attacker cannot flood the trail.
   */
  hit(name: LimiterName, key: string, who?: { ip?: string | null; userAgent?: string | null; actorId?: string | null; actorLabel?: string }): Promise<HitResult>;
  /** assertAllowed, then hit: for actions limited per attempt (break-glass, device sign-in). */
  consume(name: LimiterName, key: string, who?: Parameters<RateLimiters['hit']>[2]): Promise<void>;
  /** Forgets a key (e.g. after a successful sign-in). */
  reset(name: LimiterName, key: string): Promise<void>;
}

const limitedError = (retryAfterSeconds: number) =>
  new AppError('rate_limited', `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`, { retryAfterSeconds });

function formatWait(seconds: number): string {
  return seconds < 90 ? `${Math.max(1, Math.ceil(seconds))} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/** Builds the named limiters over one store: `database` (shared by instances) or `memory`. */
export function createRateLimiters(options: { db: Db; store: 'database' | 'memory' }): RateLimiters {
  const limiters = new Map<LimiterName, RateLimiterAbstract>();
  const limiterOf = (name: LimiterName): RateLimiterAbstract => {
    let limiter = limiters.get(name);
    if (!limiter) {
      const spec = { keyPrefix: name, ...limiterSpecs[name] };
      limiter =
        options.store === 'database'
          ? new RateLimiterPrisma({ ...spec, storeClient: options.db, tableName: 'rateLimit', insuranceLimiter: new RateLimiterMemory(spec) })
          : new RateLimiterMemory(spec);
      limiters.set(name, limiter);
    }
    return limiter;
  };

  const refuseOver = (name: LimiterName, consumedPoints: number, msBeforeNext: number) => {
    if (consumedPoints > limiterSpecs[name].points) throw limitedError(msBeforeNext / 1000);
  };

  const assertAllowed: RateLimiters['assertAllowed'] = async (name, key) => {
    const res = await limiterOf(name).get(key).catch((error: unknown) => {
      log.warn({ err: error, limiter: name }, 'rate limit store unavailable; not limiting');
      return null;
    });
    if (res) refuseOver(name, res.consumedPoints, res.msBeforeNext);
  };

  // The same reading as RateLimiterPrisma's get(): the row of the limiter's key whose expiry is still
  // ahead (or none), and the wait until that expiry.
  const countRead: RateLimiters['countRead'] = (name, key) =>
    options.store === 'database' ? { key: limiterOf(name).getKey(key), at: new Date() } : null;

  const assertAllowedFrom: RateLimiters['assertAllowedFrom'] = (name, count) => {
    if (count) refuseOver(name, count.points, count.expire ? Math.max(count.expire.getTime() - Date.now(), 0) : -1);
  };

  const hit: RateLimiters['hit'] = async (name, key, who = {}) => {
    const spec = limiterSpecs[name];
    try {
      await limiterOf(name).consume(key);
      return { limited: false, retryAfterSeconds: 0 };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        log.warn({ err: rejection, limiter: name }, 'rate limit store unavailable; not limiting');
        return { limited: false, retryAfterSeconds: 0 };
      }
      if (rejection.consumedPoints === spec.points + 1) {
        await appendAudit(options.db, {
          actorId: who.actorId ?? null,
          actorLabel: who.actorLabel ?? 'anonymous',
          action: 'security.rate_limited',
          ip: who.ip ?? null,
          userAgent: who.userAgent ?? null,
          data: { limiter: name, attempts: rejection.consumedPoints, windowSeconds: spec.duration, blockedForSeconds: spec.blockDuration },
        }).catch((error: unknown) => log.error({ err: error, limiter: name }, 'could not audit a rate limit'));
      }
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };

  return {
    assertAllowed,
    countRead,
    assertAllowedFrom,
    hit,
    async consume(name, key, who) {
      await assertAllowed(name, key);
      const result = await hit(name, key, who);
      if (result.limited) throw limitedError(result.retryAfterSeconds);
    },
    async reset(name, key) {
      await limiterOf(name).delete(key).catch(() => false);
    },
  };
}

// Process-wide (lib/process-wide.ts): the embedded database's limits live in memory, and must hold however
// Next.js bundles the routes that count against them (module state can be one per bundle).
const perDb = processWide('rateLimiters', () => new WeakMap<Db, RateLimiters>());

/** The server's limiters for `db`: shared through PostgreSQL, in memory on the embedded database. */
export function rateLimitsFor(db: Db): RateLimiters {
  let limiters = perDb.get(db);
  if (!limiters) {
    limiters = createRateLimiters({ db, store: getConfig().embedded ? 'memory' : 'database' });
    perDb.set(db, limiters);
  }
  return limiters;
}

/**
 * `LEFT JOIN` of the live RateLimit row `read` names, as `rl` (columns `rl.points`, `rl.expire`), for a
 * statement whose FROM yields one row whatever else it finds. Matches RateLimiterPrisma's own get().
 */
export const countJoin = (read: CountRead) =>
  Prisma.sql`LEFT JOIN "RateLimit" rl ON rl.key = ${read.key} AND (rl.expire > ${utcTimestamp(read.at)} OR rl.expire IS NULL)`;

/** The key for a client address (all clients whose address is unknown share one). */
export const addressKey = (ip: string | null | undefined) => ip || 'unknown';
