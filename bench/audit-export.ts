import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import * as exportRoute from '@/app/api/v1/audit/export/route';
import { round, sampleMemory, type BenchContext } from './measure';

// Export throughput through the real route handler (token auth, query parsing, sealing, streaming),
// read the way a client would, chunk by chunk; memory sampled throughout.

/** The CSV export in a freshly started process (bench/export-child.ts): a cold server's memory growth. */
async function exportInFreshProcess(databaseUrl: string, token: string, nodeFlags: string[]) {
  const child = path.join(import.meta.dirname, 'export-child.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--import', 'tsx', child], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_TOKEN: token, BENCH_FORMAT: 'csv', LOG_LEVEL: 'warn' },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { status: number; seconds: number; rssGrowthMb: number; heapGrowthMb: number; heapRetainedMb: number };
}

export async function benchExport(ctx: BenchContext, token: string, countEvents: () => Promise<number>, databaseUrl: string) {
  for (const format of ['csv', 'ndjson'] as const) {
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
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const mem = memory.stop();
    // Quoted CSV cells may hold line breaks: count the events exported (all of them, unfiltered), not lines.
    const rows = await countEvents();
    const rate = rows / seconds;
    ctx.report({ name: `audit.export.${format}.rows_per_s`, value: Math.round(rate), unit: 'rows/s', ...(format === 'csv' ? { goal: '>= 50000', met: rate >= 50_000 } : {}), detail: { rows, lines, mb: round(bytes / 1024 / 1024, 1), seconds: round(seconds, 1), cpuSeconds: round(cpuSeconds, 1) } });
    // The same work per second of this process's own CPU time: what the export costs, whatever else the machine is running.
    ctx.report({ name: `audit.export.${format}.rows_per_cpu_s`, value: Math.round(rows / cpuSeconds), unit: 'rows/cpu-s', detail: { cpuShare: round(cpuSeconds / seconds, 2) } });
    ctx.report({ name: `audit.export.${format}.rss_growth`, value: mem.rssGrowthMb, unit: 'MB', ...(format === 'csv' ? { goal: '< 100', met: mem.rssGrowthMb < 100 } : {}), detail: mem });
    ctx.report({ name: `audit.export.${format}.heap_growth`, value: mem.heapGrowthMb, unit: 'MB' });
  }

  // Node's default heap limit on this machine is several GB, so V8 lets garbage pile up to its first
  // full collection (~130 MB) before collecting; a server given a container-sized heap collects sooner.
  const rows = await countEvents();
  for (const [label, flags] of [['default_heap', []], ['heap_512mb', ['--max-old-space-size=512']]] as const) {
    const fresh = await exportInFreshProcess(databaseUrl, token, [...flags]);
    if (fresh.status !== 200) throw new Error(`the fresh-process export answered ${fresh.status}`);
    ctx.report({ name: `audit.export.csv.fresh_process_${label}.rows_per_s`, value: Math.round(rows / fresh.seconds), unit: 'rows/s', detail: { rows, seconds: round(fresh.seconds, 1), nodeFlags: flags } });
    ctx.report({ name: `audit.export.csv.fresh_process_${label}.rss_growth`, value: fresh.rssGrowthMb, unit: 'MB', goal: '< 100', met: fresh.rssGrowthMb < 100, detail: fresh });
  }
}
