// What the HTTP benchmark groups share: `next start` of the bench build on a throw-away database, its CPU
// time from /proc, and an autocannon run that reports the server CPU each answered request cost.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { processTree, round, sleep } from './measure';
import type { ThrowawayDatabase } from './throwaway-db';

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Server CPU (user + system) per answered request: what the load on a shared machine does not change. */
  cpuMsPerRequest: number;
  /** Response bytes (headers and body) per answered request. */
  bytesPerRequest: number;
}

/** CPU time a process and its descendants have used so far, in ms (Linux /proc; utime + stime are in ticks of 10 ms). */
export function cpuMs(pid: number): number {
  return processTree(pid).reduce((sum, p) => {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return sum;
    }
  }, 0);
}

export async function cannon(server: ChildProcess, connections: number, options: autocannon.Options): Promise<Load> {
  const cpuBefore = cpuMs(server.pid!);
  const result = await autocannon({ connections, ...options });
  const answered = Math.max(1, result.requests.total);
  return {
    rps: round(result.requests.average, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuMsPerRequest: round((cpuMs(server.pid!) - cpuBefore) / answered, 1),
    bytesPerRequest: Math.round(result.throughput.total / answered),
  };
}

export interface ServerOptions {
  database: ThrowawayDatabase;
  port: number;
  /** Names the group in errors. */
  label: string;
  distDir?: string;
  env?: Record<string, string>;
}

/** `next start` of the bench build (TIMEBOX_DIST_DIR, default .next-bench) against `database`, resolved once /api/health answers. */
export async function startServer({ database, port, label, distDir = process.env.TIMEBOX_DIST_DIR ?? '.next-bench', env = {} }: ServerOptions): Promise<ChildProcess> {
  if (!fs.existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`${label}: no build in ${distDir}; run TIMEBOX_DIST_DIR=${distDir} npm run build first`);
  // BENCH_SERVER_NODE_ARGS: Node flags for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile
  // what the load costs it (NODE_OPTIONS refuses --cpu-prof, and would profile the bench too).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      TIMEBOX_DIST_DIR: distDir,
      DATABASE_URL: database.url,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
      // Production on PostgreSQL refuses to start without an audit key; a group that checks the trail passes its own.
      AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY ?? crypto.randomBytes(32).toString('hex'),
      TIMEBOX_SCHEDULER: 'external',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  for (const giveUp = Date.now() + 120_000; Date.now() < giveUp; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`${label}: next start exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (up) return child;
  }
  child.kill('SIGTERM');
  throw new Error(`${label}: the server did not answer within 120 s`);
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
