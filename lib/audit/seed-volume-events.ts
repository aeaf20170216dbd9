import type { CanonicalEventFields } from './canonical';
import { randomUUID } from 'node:crypto';

// Realistic audit history for benchmarks and demos: whole access lifecycles (request, decision,
// activation, credentials, activity, end) by real users on real resources, interleaved in time the
// way a busy portal writes them. Deterministic for a given seed, so benchmark runs are comparable.

export interface SeedActor {
  id: string;
  email: string;
}

export interface SeedEntitlement {
  resourceId: string;
  entitlementId: string;
  slug: string;
  role: string;
  kind: string;
}

/** An event as generated: the hashed fields but seq (the database assigns it), with object data. */
export type GeneratedEvent = Omit<CanonicalEventFields, 'seq' | 'data'> & { data: Record<string, unknown> };

/** mulberry32: a small, fast, seedable PRNG (Math.random cannot be seeded). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = [
  'Investigate slow queries on the orders table',
  'Rotate the replication password after the incident',
  'Backfill missing invoices for November',
  'Debug failed deploy, need to read the migration state',
  'On-call: disk filling up on the primary',
  'Customer escalation — check their subscription flags',
  'Run the quarterly access review export',
  'Hotfix: unblock stuck payment retries',
  'Verify the restore from last night’s backup',
  'Pairing with support on a data correction',
];
const SQL = [
  'SELECT * FROM orders WHERE created_at > now() - interval \'1 hour\' ORDER BY id DESC LIMIT 50',
  'EXPLAIN ANALYZE SELECT count(*) FROM invoices WHERE status = \'open\'',
  'UPDATE subscriptions SET plan = \'pro\' WHERE customer_id = 4812',
  'SELECT pid, state, query FROM pg_stat_activity WHERE state <> \'idle\'',
  'VACUUM (VERBOSE) payments',
  'DELETE FROM sessions WHERE expires_at < now() - interval \'30 days\'',
  'SELECT * FROM feature_flags WHERE key = \'checkout-v2\'',
];
const COMMANDS = ['sudo systemctl restart nginx', 'df -h /var/lib/postgresql', 'journalctl -u app --since "10 min ago"', 'tail -n 200 /var/log/app/error.log', 'sudo -u postgres psql -c "select 1"'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/133.0', 'timebox-cli/1.2', 'curl/8.5.0'];

const MINUTE = 60_000;

interface Pending {
  at: number;
  event: GeneratedEvent;
}

const NOT_YET = new Date(0);

/**
 * Yields `count` events in time order between `start` and `end`. Lifecycles start at random times
 * and their later events are queued, so many grants are in flight at once, as in a real trail.
 * Resources follow a skewed popularity (the first one gets about 60% of the traffic: there is
 * always a "prod database" everyone needs).
 */
export function* generateEvents(options: { count: number; start: Date; end: Date; actors: SeedActor[]; entitlements: SeedEntitlement[]; seed?: number }): Generator<GeneratedEvent> {
  const { count, actors, entitlements } = options;
  if (actors.length === 0 || entitlements.length === 0) throw new Error('seeding needs at least one user and one entitlement');
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const startMs = options.start.getTime();
  const span = Math.max(options.end.getTime() - startMs, 1);
  // About 7.5 events per lifecycle: spread lifecycle starts so the last events land near `end`.
  const meanGap = (span / Math.max(count / 7.5, 1)) * 0.97;
  const weights = entitlements.map((_, i) => (i === 0 ? 0.6 : 0.4 / Math.max(entitlements.length - 1, 1)));
  const pickEntitlement = () => {
    let r = random();
    for (let i = 0; i < entitlements.length; i++) if ((r -= weights[i]!) <= 0) return entitlements[i]!;
    return entitlements[entitlements.length - 1]!;
  };

  const queue: Pending[] = [];
  const enqueue = (item: Pending) => {
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.at <= item.at) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, item);
  };

  let nextStart = startMs;
  let emitted = 0;
  while (emitted < count) {
    // Start lifecycles until the next queued event comes before the next start.
    while (queue.length === 0 || nextStart <= queue[0]!.at) {
      scheduleLifecycle(nextStart);
      nextStart += Math.max(1, Math.round(-Math.log(1 - random()) * meanGap));
    }
    const { at, event } = queue.shift()!;
    emitted += 1;
    event.occurredAt = new Date(Math.min(at, options.end.getTime()));
    yield event;
  }

  function scheduleLifecycle(t0: number) {
    const user = pick(actors);
    let approver = pick(actors);
    if (actors.length > 1) while (approver.id === user.id) approver = pick(actors);
    const ent = pickEntitlement();
    const requestId = randomUUID();
    const grantId = randomUUID();
    const ip = `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${1 + Math.floor(random() * 254)}`;
    const userAgent = pick(AGENTS);
    const durationMinutes = pick([15, 30, 60, 60, 120, 240]);
    // One object literal per event, always the same shape: a million of them are made.
    const at = (offsetMs: number, actor: SeedActor | string, action: string, grant: string | null, statusFrom: string | null, statusTo: string | null, data: Record<string, unknown>) => {
      const person = typeof actor === 'string' ? null : actor;
      enqueue({
        at: t0 + offsetMs,
        event: {
          id: randomUUID(),
          occurredAt: NOT_YET,
          actorId: person ? person.id : null,
          actorLabel: person ? person.email : (actor as string),
          action,
          resourceId: ent.resourceId,
          entitlementId: ent.entitlementId,
          requestId,
          grantId: grant,
          tokenId: null,
          statusFrom,
          statusTo,
          ip: person ? ip : null,
          userAgent: person ? userAgent : null,
          data,
        },
      });
    };

    const justification = pick(REASONS);
    const ticket = random() < 0.7 ? `OPS-${1000 + Math.floor(random() * 9000)}` : null;
    at(0, user, 'request.created', null, null, 'pending', { resource: ent.slug, role: ent.role, durationMinutes, justification, ticket, startAt: null });

    const outcome = random();
    let t = MINUTE * (1 + random() * 20);
    if (outcome < 0.1) {
      at(t, approver, 'review.deny', null, 'pending', 'denied', { comment: 'Not without a ticket' });
      return;
    }
    if (outcome < 0.3) {
      t = 50;
      at(t, user, 'request.auto_approved', null, 'pending', 'approved', { rule: 'auto-approve' });
    } else {
      at(t, approver, 'review.approve', null, 'pending', 'approved', { comment: random() < 0.5 ? 'go ahead' : null });
    }
    const expiresAt = new Date(t0 + t + durationMinutes * MINUTE).toISOString();
    at(t + 20, user, 'grant.created', grantId, null, 'scheduled', { startsAt: new Date(t0 + t).toISOString(), expiresAt });
    at(t + 30, 'system:scheduler', 'grant.provisioning', grantId, 'scheduled', 'provisioning', { leaseUntil: new Date(t0 + t + 30 + MINUTE).toISOString() });
    at(t + 40, 'system:scheduler', 'grant.activated', grantId, 'provisioning', 'active', { expiresAt });
    if (ent.kind === 'postgres' || ent.kind === 'mysql' || ent.kind === 'ssh') {
      at(t + MINUTE, user, 'grant.credentials_issued', grantId, null, null, { kind: ent.kind, principal: `tbx_${grantId.replace(/-/g, '').slice(0, 12)}` });
    }
    const activities = Math.floor(random() * 4);
    for (let i = 0; i < activities; i++) {
      const when = t + MINUTE * (2 + random() * (durationMinutes - 3));
      const ssh = ent.kind === 'ssh';
      at(when, 'system:activity', 'activity.reported', grantId, null, null, { kind: ssh ? 'ssh.command' : 'sql', detail: pick(ssh ? COMMANDS : SQL), principal: null, user: user.email, outsideGrant: false });
    }
    const revoked = random() < 0.25;
    const endAt = revoked ? t + MINUTE * (1 + random() * (durationMinutes - 1)) : t + durationMinutes * MINUTE + 2_000;
    if (revoked) {
      at(endAt, user, 'grant.revoke_requested', grantId, 'active', 'revoking', { reason: 'done' });
      at(endAt + 300, 'system:scheduler', 'grant.revoked', grantId, 'revoking', 'revoked', {});
    } else {
      at(endAt, 'system:scheduler', 'grant.ending', grantId, 'active', 'revoking', { reason: 'expired' });
      at(endAt + 300, 'system:scheduler', 'grant.expired', grantId, 'revoking', 'expired', {});
    }
  }
}
