// The `start` group: a warm restart of `npm start` (scripts/start.mjs: prepare in a child, then only Next.js
// and a small launcher) against a bare `next start`, and the old way (scripts/start.ts serving itself under
// tsx), on a throw-away PostgreSQL database that is already migrated and seeded. Figures: time until
// /api/health answers, and the resident memory of every process left running once idle (the launcher's
// part apart), and the CPU each way used until ready (the load changes it less than the wall time). Needs a
// production build in TIMEBOX_DIST_DIR (default .next-bench); `npm run build` compiles start.ts beside it, so the
// launcher prepares without tsx. Next.js never unloads a route's modules, so the launcher's and the bare
// server's memory is measured a second time: after signing in and serving a working day's routes once
// (bench/serve-routes.ts), idle again — what the server holds once used, whatever it preloaded at start.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type BenchContext, median, processTree, round, sleep } from './measure';
import { mintCheckToken } from './check-token';
import { serveRoutesOnce } from './serve-routes';
import { createThrowawayDatabase } from './throwaway-db';

const PORT = 3918;
const IDLE_MS = 5_000;

const rssMb = (pid: number) => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? round(Number(kb) / 1024, 0) : 0;
  } catch {
    return 0;
  }
};

/**
 * CPU time a process tree has used so far, in ms, children that already exited included (utime, stime,
 * cutime, cstime: ticks of 10 ms). The load changes it far less than the wall time to ready.
 */
function treeCpuMs(pid: number): number {
  return processTree(pid).reduce((sum, p) => {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return sum + fields.slice(11, 15).reduce((ticks, field) => ticks + Number(field), 0) * 10;
    } catch {
      return sum;
    }
  }, 0);
}

interface Started {
  readyMs: number;
  /** CPU used by the launcher, the preparation and the server until /api/health answered. */
  cpuToReadyMs: number;
  /** RSS of each process left running, once idle: the launcher chain, then the server. */
  processes: { pid: number; name: string; rssMb: number }[];
  /** With routes served: ms per route (the first, /inbox, pays its modules' load), then the server's RSS once idle again. */
  afterRoutes?: { times: Record<string, number>; serverRssMb: number };
}

async function startAndMeasure(command: string[], env: NodeJS.ProcessEnv, serveRoutes?: () => Promise<Record<string, number>>): Promise<Started> {
  const began = performance.now();
  const child: ChildProcess = spawn(process.execPath, command, { stdio: ['ignore', 'ignore', 'inherit'], env, detached: true });
  try {
    for (const giveUp = Date.now() + 240_000; ; await sleep(100)) {
      if (child.exitCode !== null) throw new Error(`start: ${command.join(' ')} exited with ${child.exitCode}`);
      if (Date.now() > giveUp) throw new Error(`start: ${command.join(' ')} did not answer within 240 s`);
      if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then(() => true, () => false)) break;
    }
    const readyMs = round(performance.now() - began, 0);
    const cpuToReadyMs = treeCpuMs(child.pid!);
    await sleep(IDLE_MS);
    const processes = processTree(child.pid!).map((pid) => ({ pid, name: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 3).map((a) => path.basename(a)).join(' ').slice(0, 80), rssMb: rssMb(pid) }));
    if (!serveRoutes) return { readyMs, cpuToReadyMs, processes };
    const times = await serveRoutes();
    await sleep(IDLE_MS);
    return { readyMs, cpuToReadyMs, processes, afterRoutes: { times, serverRssMb: rssMb(processes.at(-1)!.pid) } };
  } finally {
    // The whole group: the launcher and whatever it started.
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    for (let i = 0; i < 100 && (await fetch(`http://127.0.0.1:${PORT}/api/health`).then(() => true, () => false)); i++) await sleep(100);
  }
}

export async function runStartBench(ctx: BenchContext): Promise<void> {
  const distDir = process.env.TIMEBOX_DIST_DIR ?? '.next-bench';
  if (!fs.existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`start: no build in ${distDir}; run TIMEBOX_DIST_DIR=${distDir} npm run build first`);
  const database = await createThrowawayDatabase();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
      // Required in production with DATABASE_URL since audit rows are signed.
      AUDIT_SIGNING_KEY: crypto.randomBytes(32).toString('hex'),
      PORT: String(PORT),
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      TIMEBOX_DIST_DIR: distDir,
      LOG_LEVEL: 'warn',
      // The demo sign-in, so the routes served after idle are an admin's pages (as the e2e server has it).
      AUTH_DEV_LOGIN: 'true',
    };
    const tsx = path.join('node_modules', 'tsx', 'dist', 'cli.mjs');
    const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');
    const ways = {
      launcher: ['scripts/start.mjs'],
      start_ts: [tsx, 'scripts/start.ts'],
      bare_next: [nextBin, 'start', '--port', String(PORT), '--hostname', '127.0.0.1'],
    };
    await startAndMeasure(ways.launcher, env); // seeds the empty database: every run after it is a warm restart
    const checkToken = await mintCheckToken(database.db);
    const serveRoutes = () => serveRoutesOnce(`http://127.0.0.1:${PORT}`, 'carol@example.com', checkToken);
    // The old way serves as the launcher does; its routes would only lengthen the run.
    const withRoutes = new Set<keyof typeof ways>(['launcher', 'bare_next']);
    const runs: Record<keyof typeof ways, Started[]> = { launcher: [], start_ts: [], bare_next: [] };
    for (let i = 0; i < ctx.repeats; i++) {
      for (const way of Object.keys(ways) as (keyof typeof ways)[]) {
        runs[way].push(await startAndMeasure(ways[way], { ...env, ...(way === 'bare_next' ? { NODE_ENV: 'production' } : {}) }, withRoutes.has(way) ? serveRoutes : undefined));
        const last = runs[way].at(-1)!;
        const after = last.afterRoutes ? `; after routes (${Object.entries(last.afterRoutes.times).map(([route, ms]) => `${route} ${ms} ms`).join(', ')}): server ${last.afterRoutes.serverRssMb} MB` : '';
        ctx.log(`start: ${way}: ready in ${last.readyMs} ms (${last.cpuToReadyMs} ms CPU); ${last.processes.map((p) => `${p.name} ${p.rssMb} MB`).join(', ')}${after}`);
      }
    }
    const total = (s: Started) => s.processes.reduce((sum, p) => sum + p.rssMb, 0);
    const server = (s: Started) => s.processes.at(-1)?.rssMb ?? 0;
    const bare = median(runs.bare_next.map((r) => r.readyMs));
    const bareCpu = median(runs.bare_next.map((r) => r.cpuToReadyMs));
    for (const way of ['launcher', 'start_ts'] as const) {
      const ready = median(runs[way].map((r) => r.readyMs));
      ctx.report({ name: `start.${way}.warm_restart`, value: ready, unit: 'ms', detail: { runs: runs[way].map((r) => r.readyMs) } });
      const ratio = round(ready / bare, 2);
      ctx.report({ name: `start.${way}.warm_restart_ratio_to_bare_next`, value: ratio, unit: 'x', goal: '≤ 1.5', met: ratio <= 1.5 });
      const cpu = median(runs[way].map((r) => r.cpuToReadyMs));
      ctx.report({ name: `start.${way}.cpu_to_ready`, value: cpu, unit: 'ms', detail: { runs: runs[way].map((r) => r.cpuToReadyMs) } });
      ctx.report({ name: `start.${way}.cpu_to_ready_ratio_to_bare_next`, value: round(cpu / bareCpu, 2), unit: 'x' });
      ctx.report({ name: `start.${way}.idle_rss_total`, value: median(runs[way].map(total)), unit: 'MB', detail: { processes: runs[way].at(-1)!.processes } });
      ctx.report({ name: `start.${way}.idle_rss_beside_server`, value: median(runs[way].map((r) => total(r) - server(r))), unit: 'MB' });
    }
    ctx.report({ name: 'start.bare_next.ready', value: bare, unit: 'ms', detail: { runs: runs.bare_next.map((r) => r.readyMs) } });
    ctx.report({ name: 'start.bare_next.cpu_to_ready', value: bareCpu, unit: 'ms', detail: { runs: runs.bare_next.map((r) => r.cpuToReadyMs) } });
    const serverRss = median(runs.launcher.map(server));
    ctx.report({ name: 'start.server.idle_rss', value: serverRss, unit: 'MB', goal: '≤ 250 MB', met: serverRss <= 250, detail: { runs: runs.launcher.map(server) } });
    // The same goal once used: what preloading or not at start changes only until the routes are served.
    const afterRoutes = (way: 'launcher' | 'bare_next') => runs[way].map((r) => r.afterRoutes!);
    const usedRss = median(afterRoutes('launcher').map((a) => a.serverRssMb));
    ctx.report({ name: 'start.server.idle_rss_after_routes', value: usedRss, unit: 'MB', goal: '≤ 250 MB', met: usedRss <= 250, detail: { runs: afterRoutes('launcher').map((a) => a.serverRssMb) } });
    ctx.report({ name: 'start.bare_next.idle_rss_after_routes', value: median(afterRoutes('bare_next').map((a) => a.serverRssMb)), unit: 'MB', detail: { runs: afterRoutes('bare_next').map((a) => a.serverRssMb) } });
    // The cost of not preloading: the first page after start loads its modules while the person waits.
    const firstInbox = afterRoutes('launcher').map((a) => a.times['/inbox']!);
    ctx.report({ name: 'start.server.first_inbox', value: median(firstInbox), unit: 'ms', detail: { runs: firstInbox, lastVisit: afterRoutes('launcher').at(-1)!.times } });
  } finally {
    await database.drop();
  }
}
