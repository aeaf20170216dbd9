// A freshly started "server" for one export: the bench runs this in its own Node process so the memory
// figure is a cold server's, not a process already swollen by seeding a million events.
// In: BENCH_DATABASE_URL, BENCH_TOKEN, BENCH_FORMAT. Out: one JSON line on stdout.
import * as exportRoute from '@/app/api/v1/audit/export/route';
import { defaultConnectors } from '@/lib/connectors/registry';
import { connectDatabase } from '@/lib/db/client';
import { systemClock } from '@/lib/domain/clock';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { sampleMemory } from './measure';

const database = await connectDatabase({ kind: 'postgres', url: process.env.BENCH_DATABASE_URL! });
overrideServiceDeps({ db: database.db, clock: systemClock, connectors: defaultConnectors() });
await database.db.user.count(); // connect before the baseline
const memory = sampleMemory();
const start = performance.now();
const response = await exportRoute.GET(new Request(`http://bench/api/v1/audit/export?format=${process.env.BENCH_FORMAT ?? 'csv'}`, { headers: { authorization: `Bearer ${process.env.BENCH_TOKEN}` } }));
const reader = response.body!.getReader();
let bytes = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ status: response.status, bytes, seconds, ...memory.stop() }));
overrideServiceDeps(null);
await database.close();
