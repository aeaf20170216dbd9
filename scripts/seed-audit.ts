// `npm run seed:audit -- --events <n> [--days 180] [--batch 5000]`: appends n realistic, chained audit
// events to the configured database (PGlite or PostgreSQL), continuing its chain, and prints rows/s.
import { parseArgs } from 'node:util';
import { seedAuditVolume } from '@/lib/audit/seed-volume';
import { parseConfig } from '@/lib/config/env';
import { connectDatabase, targetFromConfig } from '@/lib/db/client';
import { assertPostgresReachable } from '@/lib/db/reachability';
import { seedDemo } from '@/lib/seed/seed-demo';
import { runCli } from './cli';

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0, not "${value}"`);
  return n;
};

runCli('seed:audit', async () => {
  const { values } = parseArgs({ options: { events: { type: 'string' }, days: { type: 'string' }, batch: { type: 'string' }, seed: { type: 'string' } } });
  if (values.events === undefined) throw new Error('usage: npm run seed:audit -- --events <n> [--days 180] [--batch 5000] [--seed 42]');
  const events = positive('events', values.events, 0);
  const config = parseConfig();
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    // Events need people and resources to name: the demo organisation, if it is not there yet.
    await seedDemo(database.db);
    let lastReport = 0;
    const result = await seedAuditVolume(database.db, {
      events,
      days: positive('days', values.days, 180),
      batchSize: positive('batch', values.batch, 5000),
      seed: positive('seed', values.seed, 42),
      onBatch: (written) => {
        if (written - lastReport >= 100_000) {
          lastReport = written;
          console.log(`seed:audit: ${written.toLocaleString('en')} / ${events.toLocaleString('en')}`);
        }
      },
    });
    console.log(
      `seed:audit: wrote ${result.inserted.toLocaleString('en')} chained events in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond.toLocaleString('en')} rows/s); chain head ${result.head?.chainIndex ?? 0}:${result.head?.hash ?? ''}`,
    );
  } finally {
    await database.close();
  }
});
