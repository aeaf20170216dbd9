import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real OpenSSH server on 127.0.0.1 for the ssh connector tests: its own host key, trusting one user
 * CA (TrustedUserCAKeys), reading a KRL (RevokedKeys, re-read by sshd on every authentication) and mapping
 * the current OS user to the principals in a file. No authorized_keys and no passwords, so a certificate
 * from the CA is the only way in.
 */
export const SSHD_BINARY = process.env.SSHD_BINARY ?? '/usr/sbin/sshd';

export interface Sshd {
  host: '127.0.0.1';
  port: number;
  /** The OS user to log in as: the one running the tests. */
  user: string;
  dir: string;
  writeKrl(krl: Buffer): void;
  setPrincipals(principals: string[]): void;
  /** sshd's own log (stderr), to explain a failed expectation. */
  logs(): string;
  stop(): Promise<void>;
}

/** Whether this machine can run the tests: returns the reason when it cannot. */
export function sshdMissingReason(): string | undefined {
  if (!fs.existsSync(SSHD_BINARY)) return `${SSHD_BINARY} is missing (apt-get install -y openssh-server)`;
  for (const tool of ['ssh', 'ssh-keygen']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is missing (apt-get install -y openssh-client)`;
    }
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startSshd(options: { caPublicKey: string; principals: string[]; krl?: Buffer }): Promise<Sshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-sshd-'));
  const user = os.userInfo().username;
  // As root, sshd needs its privilege-separation directory; a fresh container may not have it.
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_ed25519')]);
  fs.writeFileSync(path.join(dir, 'ca.pub'), options.caPublicKey.trim() + '\n');
  fs.writeFileSync(path.join(dir, 'revoked.krl'), options.krl ?? Buffer.alloc(0));
  fs.mkdirSync(path.join(dir, 'principals'));
  const setPrincipals = (principals: string[]) => fs.writeFileSync(path.join(dir, 'principals', user), principals.join('\n') + '\n');
  setPrincipals(options.principals);

  const port = await freePort();
  const base = [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${dir}/host_ed25519`,
    `PidFile ${dir}/sshd.pid`,
    `TrustedUserCAKeys ${dir}/ca.pub`,
    `RevokedKeys ${dir}/revoked.krl`,
    `AuthorizedPrincipalsFile ${dir}/principals/%u`,
    'AuthorizedKeysFile none',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    'StrictModes no',
    'PrintMotd no',
    'LoginGraceTime 15',
    'MaxStartups 100',
    'LogLevel VERBOSE',
  ];
  // OpenSSH 9.8+ penalises addresses that fail to authenticate; these tests fail on purpose from 127.0.0.1.
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(config, [...base, 'PerSourcePenalties no'].join('\n') + '\n');
  try {
    execFileSync(SSHD_BINARY, ['-t', '-f', config], { stdio: 'ignore' });
  } catch {
    fs.writeFileSync(config, base.join('\n') + '\n');
  }

  const child = spawn(SSHD_BINARY, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    log += chunk;
  });
  await waitForListening(child, () => log);

  return {
    host: '127.0.0.1',
    port,
    user,
    dir,
    writeKrl: (krl) => {
      // Write then rename, so sshd never reads a half-written list (it would refuse everyone).
      fs.writeFileSync(path.join(dir, 'revoked.krl.tmp'), krl);
      fs.renameSync(path.join(dir, 'revoked.krl.tmp'), path.join(dir, 'revoked.krl'));
    },
    setPrincipals,
    logs: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitForListening(child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`sshd did not start within 10 s:\n${log()}`)), 10_000);
    const poll = setInterval(() => {
      if (/Server listening on 127\.0\.0\.1 port/.test(log())) done();
    }, 20);
    const onExit = (code: number | null) => fail(new Error(`sshd exited with ${code}:\n${log()}`));
    child.once('exit', onExit);
    function done() {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      resolve();
    }
    function fail(error: Error) {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(error);
    }
  });
}

/** Generates a user key pair in `dir`; returns the private key path (the public key is `<path>.pub`). */
export function generateUserKey(dir: string, name: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519', bits?: number): string {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', `${name}@test`, '-f', file]);
  return file;
}

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command over ssh with the real OpenSSH client, with one identity (and its certificate),
 * no agent, no user config and no host key prompts: exit 0 means the server let us in.
 */
export function sshRun(sshd: Pick<Sshd, 'host' | 'port' | 'user'>, options: { identity: string; certificate?: string; command?: string; user?: string; timeoutMs?: number }): Promise<SshResult> {
  const args = [
    '-F', '/dev/null',
    '-i', options.identity,
    ...(options.certificate ? ['-o', `CertificateFile=${options.certificate}`] : []),
    '-o', 'IdentitiesOnly=yes',
    '-o', 'IdentityAgent=none',
    '-o', 'BatchMode=yes',
    '-o', 'PasswordAuthentication=no',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    '-p', String(sshd.port),
    `${options.user ?? sshd.user}@${sshd.host}`,
    options.command ?? 'true',
  ];
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // A hung client is killed so a test fails instead of hanging; long-running sessions say how long they need.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
