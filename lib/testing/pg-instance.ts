import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away PostgreSQL server for tests that need what the shared one on :5432 lacks:
 * password authentication (it trusts 127.0.0.1, and with trust PostgreSQL never checks VALID UNTIL)
 * and the freedom to stop and start it (fault tests). initdb in a temp dir, scram-sha-256 everywhere,
 * a free port on 127.0.0.1; `destroy()` stops it and deletes the directory.
 */
export interface PgInstance {
  host: '127.0.0.1';
  port: number;
  /** Superuser admin URL, password included: for tests only, never print it. */
  url: string;
  dataDir: string;
  start(): Promise<void>;
  /** Fast shutdown: open connections are cut, the port refuses until start(). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** Where initdb and pg_ctl live: PG_BIN_DIR, else `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function findPgBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env.PG_BIN_DIR) candidates.push(env.PG_BIN_DIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on PATH: fall through to the Debian layout
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// PostgreSQL refuses to run as root: on CI (root) every server command runs as the `postgres` OS user.
const asServerUser = (bin: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];

function runAsServerUser(bin: string, args: string[]): void {
  const result = spawnSync(...asServerUser(bin, args), { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${(result.stderr || result.stdout || String(result.error)).trim().slice(0, 2_000)}`);
}

export async function startPgInstance(binDir = findPgBinDir()): Promise<PgInstance> {
  if (!binDir) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) found; set PG_BIN_DIR');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-pg-'));
  const dataDir = path.join(root, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = path.join(root, 'pw');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:', root]);

  const port = await freePort();
  const pgCtl = path.join(binDir, 'pg_ctl');
  // fsync off and no sync at initdb: a test server that is thrown away needs no durability, and it saves seconds.
  runAsServerUser(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  fs.rmSync(pwfile);
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = async () => runAsServerUser(pgCtl, ['-D', dataDir, '-o', serverOptions, '-l', path.join(root, 'server.log'), '-w', '-t', '30', 'start']);
  const stop = async () => runAsServerUser(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);

  // A crashed test run must not leave a server behind.
  const onExit = () => {
    spawnSync(...asServerUser(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']));
    fs.rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  await start();
  return {
    host: '127.0.0.1',
    port,
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    dataDir,
    start,
    stop,
    destroy: async () => {
      process.removeListener('exit', onExit);
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) await stop().catch(() => onExit());
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
