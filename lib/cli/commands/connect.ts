import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../exit-codes';
import { runAttached } from '../run-child';
import { signedInClient } from '../session';
import { fetchCredentials, pgEnvironment } from './grants';

interface SshCertificate {
  certificate: string;
  principals: string[];
  validBefore: string;
}

/** `timebox psql ID -- args`: fresh credentials in PG* variables (never argv, where `ps` shows them), then psql. */
async function psql(id: string, args: string[]): Promise<number> {
  const credentials = await fetchCredentials(await signedInClient(), id);
  if (credentials.kind !== 'postgres') throw new CliError(`grant ${id} is a ${credentials.kind} grant, not PostgreSQL.`, ExitCode.usage);
  return runAttached('psql', args, { ...process.env, ...pgEnvironment(credentials) });
}

/**
 * `timebox ssh ID -- args`: a throw-away key pair in a private temporary folder, its public half signed
 * by the portal for the grant, `ssh -i` with the certificate beside it, and the folder removed afterwards
 * — the certificate ends with the grant anyway, the key never outlives the command.
 */
async function ssh(id: string, args: string[]): Promise<number> {
  const client = await signedInClient();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'timebox-ssh-'));
  try {
    const key = path.join(dir, 'id_ed25519');
    await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `timebox grant ${id}`, '-f', key]).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new CliError('ssh-keygen is not installed (or not on PATH).', ExitCode.failed) : error;
    });
    const publicKey = (await readFile(`${key}.pub`, 'utf8')).trim();
    const cert = await client.post<SshCertificate>(`/api/v1/grants/${encodeURIComponent(id)}/certificate`, { publicKey });
    await writeFile(`${key}-cert.pub`, `${cert.certificate.trim()}\n`, { mode: 0o600 });
    // The grant's principal is the login name unless the caller names one (`-l user` or `user@host`).
    const namesUser = args.includes('-l') || args.some((a) => !a.startsWith('-') && a.includes('@'));
    const login = cert.principals[0] && !namesUser ? ['-l', cert.principals[0]] : [];
    return await runAttached('ssh', ['-i', key, '-o', `CertificateFile=${key}-cert.pub`, '-o', 'IdentitiesOnly=yes', ...login, ...args], process.env);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function registerConnectCommands(program: Command): void {
  program
    .command('psql')
    .description('open psql on a PostgreSQL grant with fresh credentials (arguments after -- go to psql)')
    .argument('<id>', 'the grant id')
    .argument('[args...]', 'psql arguments, after --')
    .action(async (id: string, args: string[]) => {
      process.exitCode = await psql(id, args);
    });
  program
    .command('ssh')
    .description('ssh with a certificate for an SSH grant (arguments after --, e.g. the host, go to ssh)')
    .argument('<id>', 'the grant id')
    .argument('[args...]', 'ssh arguments, after --: at least the host')
    .action(async (id: string, args: string[]) => {
      process.exitCode = await ssh(id, args);
    });
}
