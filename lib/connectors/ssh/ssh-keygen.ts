import { execFile } from 'node:child_process';

export const DEFAULT_SSH_KEYGEN = 'ssh-keygen';

/**
 * Runs OpenSSH's ssh-keygen with an argument vector (never a shell, so no quoting or injection issues).
 * Errors carry ssh-keygen's own first stderr line, which names files, never key material.
 */
export function runSshKeygen(args: string[], options: { binary?: string; timeoutMs?: number } = {}): Promise<string> {
  const binary = options.binary ?? DEFAULT_SSH_KEYGEN;
  return new Promise((resolve, reject) => {
    // `binary` is a command looked up on PATH (or an admin's absolute path), never a file of this project.
    // Left dynamic, Turbopack cannot tell and traces the whole project into the server output; the
    // ignore comment tells it there is nothing to bundle here.
    execFile(/* turbopackIgnore: true */ binary, args, { timeout: options.timeoutMs ?? 10_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new Error(`${binary} not found: install OpenSSH's client tools (Debian: openssh-client)`));
      const detail = stderr.split('\n').map((line) => line.trim()).find(Boolean) ?? error.message;
      reject(new Error(`ssh-keygen failed: ${detail.slice(0, 300)}`));
    });
  });
}
