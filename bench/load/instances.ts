import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Several `next start` processes of one production build on one database, as a deployment with more
// than one instance runs: each has its own internal scheduler, so their sweeps race as they would there.

export interface Instances {
  urls: string[];
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server for ${url} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer /api/health within ${deadlineMs / 1000} s`);
}

/** Starts one `next start` per port; each server's log (JSON lines) goes to `<logDir>/instance-<port>.log`. */
export async function startInstances(root: string, ports: number[], env: NodeJS.ProcessEnv, logDir: string): Promise<Instances> {
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const children = ports.map((port) =>
    spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
      cwd: root,
      stdio: ['ignore', fs.openSync(path.join(logDir, `instance-${port}.log`), 'a'), 'inherit'],
      env: { ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: '1' },
    }),
  );
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(urls.map((url, i) => waitForHealth(url, children[i]!, 120_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}
