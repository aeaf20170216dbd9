import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

// Small measuring tools for the benchmarks: medians of repeated runs and memory sampling.

/** One figure, printed as one JSON line: `{"name","value","unit"}` plus the goal it is held to, if any. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  met?: boolean;
  detail?: Record<string, unknown>;
}

export interface BenchContext {
  /** Events to seed (`--events`). */
  events: number;
  /** How often groups that compare against PostgreSQL alone repeat the pair (`--repeats`, default 3). */
  repeats: number;
  report(figure: Figure): void;
  /** Progress for the person watching, on stderr (stdout carries only figures). */
  log(message: string): void;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `fn` `runs` times after `warmup` untimed runs; the milliseconds of each timed run. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** A full garbage collection, so memory baselines are comparable (enabled at run time, no flag needed). */
export const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** Samples RSS and heap every `everyMs` until stopped; growth is peak minus the baseline at start. */
export function sampleMemory(everyMs = 50) {
  collectGarbage();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
      const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
      // What is still held once the garbage is gone: the part of the growth that is really the work's.
      collectGarbage();
      const retained = process.memoryUsage().heapUsed - base.heapUsed;
      return { baseRssMb: mb(base.rss), rssGrowthMb: mb(peakRss - base.rss), heapGrowthMb: mb(peakHeap - base.heapUsed), heapRetainedMb: mb(retained) };
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process and all its descendants (Linux /proc): `next start` serves from a child of its own. */
export function processTree(pid: number): number[] {
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children = tasks.flatMap((task) => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return [pid, ...children.flatMap(processTree)];
}
