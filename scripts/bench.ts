// `npm run bench [-- --only audit|api|pages|…] [-- --events 1000000] [-- --repeats 3]`: runs the benchmark groups, prints one JSON
// object per figure on stdout ({"name","value","unit"}, with "goal" and "met" where a goal applies)
// and writes the whole report to bench-results/<timestamp>.json. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runApiBench } from '../bench/api';
import { runAuditBench } from '../bench/audit';
import { runCheckExpiryBench } from '../bench/check-expiry';
import { runExpiryBulkBench } from '../bench/expiry-bulk';
import { runExportBench } from '../bench/export';
import { runPagesBench } from '../bench/pages';
import { runStartBench } from '../bench/start';
import { runStatementsBench } from '../bench/statements';
import type { BenchContext, Figure } from '../bench/measure';
import { runCli } from './cli';

const groups: Record<string, (ctx: BenchContext) => Promise<void>> = {
  audit: runAuditBench,
  export: runExportBench,
  api: runApiBench,
  pages: runPagesBench,
  expiry: runExpiryBulkBench,
  'check-expiry': runCheckExpiryBench,
  start: runStartBench,
  statements: runStatementsBench,
};

runCli('bench', async () => {
  const { values } = parseArgs({ options: { only: { type: 'string' }, events: { type: 'string' }, repeats: { type: 'string' } } });
  const chosen = values.only ? values.only.split(',') : Object.keys(groups);
  const unknown = chosen.filter((g) => !Object.hasOwn(groups, g));
  if (unknown.length) throw new Error(`unknown group(s): ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}`);
  const events = values.events === undefined ? 1_000_000 : Number(values.events.replace(/_/g, ''));
  if (!Number.isInteger(events) || events < 1000) throw new Error('--events must be a whole number of at least 1000');
  const repeats = values.repeats === undefined ? 3 : Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 20) throw new Error('--repeats must be a whole number from 1 to 20');

  const startedAt = new Date();
  const figures: Figure[] = [];
  const ctx: BenchContext = {
    events,
    repeats,
    report: (figure) => {
      figures.push(figure);
      console.log(JSON.stringify(figure));
    },
    log: (message) => console.error(`bench: ${message}`),
  };
  for (const group of chosen) {
    const began = performance.now();
    await groups[group]!(ctx);
    ctx.log(`${group} done in ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }

  const dir = path.resolve('bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: os.loadavg() };
  fs.writeFileSync(file, JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), groups: chosen, events, machine, figures }, null, 2) + '\n');
  ctx.log(`report written to ${path.relative(process.cwd(), file)}`);
  const missed = figures.filter((f) => f.met === false);
  if (missed.length) ctx.log(`goals missed: ${missed.map((f) => `${f.name} = ${f.value} ${f.unit} (goal ${f.goal})`).join('; ')}`);
});
