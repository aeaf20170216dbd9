import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import * as exportRoute from '@/app/api/v1/audit/export/route';
import { copyTrail } from './export-copy';
import { median, round, sampleMemory, type BenchContext } from './measure';

// Export throughput through the real route handler (token auth, query parsing, sealing, streaming),
// read the way a client would, chunk by chunk; memory sampled throughout. The CSV export is timed
// against PostgreSQL's own `\copy` of the same columns, interleaved, in the same run.

/** The CSV export in a freshly started process (bench/export-child.ts): a cold server's memory growth. */
async function exportInFreshProcess(databaseUrl: string, token: string, nodeFlags: string[]) {
  const child = path.join(import.meta.dirname, 'export-child.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--import', 'tsx', child], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_TOKEN: token, BENCH_FORMAT: 'csv', LOG_LEVEL: 'warn' },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { status: number; bytes: number; seconds: number; rssGrowthMb: number; heapGrowthMb: number; heapRetainedMb: number };
}

/** One export through the route handler, read to the end: seconds, CPU seconds, bytes, lines, memory. */
async function exportOnce(format: 'csv' | 'ndjson', token: string) {
  const memory = sampleMemory();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const response = await exportRoute.GET(new Request(`http://bench/api/v1/audit/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } }));
  if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes, lines, memory: memory.stop() };
}

/**
 * `prefix` names the figures (`audit.export` in the audit group, `export.<size>` in the export group).
 * Every export is of the whole trail; `countEvents` says how many events that is.
 */
export async function benchExport(ctx: BenchContext, token: string, countEvents: () => Promise<number>, databaseUrl: string, prefix = 'audit.export') {
  // Quoted CSV cells may hold line breaks: count the events exported (all of them, unfiltered), not lines.
  const rows = await countEvents();

  // CSV and \copy in turns, so both meet the same load; the first CSV run's memory is the in-process figure.
  const csvRuns: Awaited<ReturnType<typeof exportOnce>>[] = [];
  const copyRuns: Awaited<ReturnType<typeof copyTrail>>[] = [];
  for (let i = 0; i < ctx.repeats; i++) {
    csvRuns.push(await exportOnce('csv', token));
    copyRuns.push(await copyTrail(databaseUrl));
  }
  const csvSeconds = median(csvRuns.map((r) => r.seconds));
  const copySeconds = median(copyRuns.map((r) => r.seconds));
  const ratio = copySeconds / csvSeconds;
  const first = csvRuns[0]!;
  const cpuSeconds = median(csvRuns.map((r) => r.cpuSeconds));
  ctx.report({ name: `${prefix}.csv.seconds`, value: round(csvSeconds, 2), unit: 's', detail: { rows, runs: csvRuns.map((r) => round(r.seconds, 2)), mb: round(first.bytes / 1024 / 1024, 1), lines: first.lines } });
  ctx.report({ name: `${prefix}.csv.copy_seconds`, value: round(copySeconds, 2), unit: 's', detail: { rows, runs: copyRuns.map((r) => round(r.seconds, 2)), mb: round(copyRuns[0]!.bytes / 1024 / 1024, 1) } });
  ctx.report({ name: `${prefix}.csv.vs_copy`, value: round(ratio, 3), unit: 'ratio', goal: '>= 0.5', met: ratio >= 0.5, detail: { copySeconds: round(copySeconds, 2), csvSeconds: round(csvSeconds, 2) } });
  ctx.report({ name: `${prefix}.csv.rows_per_s`, value: Math.round(rows / csvSeconds), unit: 'rows/s', detail: { rows, seconds: round(csvSeconds, 2), cpuSeconds: round(cpuSeconds, 2) } });
  // The same work per second of this process's own CPU time: what the export costs, whatever else the machine is running.
  ctx.report({ name: `${prefix}.csv.rows_per_cpu_s`, value: Math.round(rows / cpuSeconds), unit: 'rows/cpu-s', detail: { cpuShare: round(cpuSeconds / csvSeconds, 2) } });
  ctx.report({ name: `${prefix}.csv.rss_growth`, value: first.memory.rssGrowthMb, unit: 'MB', detail: first.memory });
  ctx.report({ name: `${prefix}.csv.heap_growth`, value: first.memory.heapGrowthMb, unit: 'MB' });

  const ndjson = await exportOnce('ndjson', token);
  ctx.report({ name: `${prefix}.ndjson.rows_per_s`, value: Math.round(rows / ndjson.seconds), unit: 'rows/s', detail: { rows, lines: ndjson.lines, mb: round(ndjson.bytes / 1024 / 1024, 1), seconds: round(ndjson.seconds, 2), cpuSeconds: round(ndjson.cpuSeconds, 2) } });
  ctx.report({ name: `${prefix}.ndjson.rss_growth`, value: ndjson.memory.rssGrowthMb, unit: 'MB', detail: ndjson.memory });

  // The exporting process's RSS growth (peak − before) in a cold process: the goal's figure. Node's default
  // heap limit on this machine is several GB, so V8 lets garbage pile up before a full collection; a server
  // given a container-sized heap collects sooner.
  for (const [label, flags] of [['default_heap', []], ['heap_512mb', ['--max-old-space-size=512']]] as const) {
    const fresh = await exportInFreshProcess(databaseUrl, token, [...flags]);
    if (fresh.status !== 200) throw new Error(`the fresh-process export answered ${fresh.status}`);
    ctx.report({ name: `${prefix}.csv.fresh_process_${label}.rows_per_s`, value: Math.round(rows / fresh.seconds), unit: 'rows/s', detail: { rows, seconds: round(fresh.seconds, 2), nodeFlags: flags } });
    ctx.report({ name: `${prefix}.csv.fresh_process_${label}.rss_growth`, value: fresh.rssGrowthMb, unit: 'MB', goal: '< 100', met: fresh.rssGrowthMb < 100, detail: fresh });
  }
}
