import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs `next start|dev` in the foreground, forwarding signals, and resolves with its exit code. */
export function runNext(root: string, mode: 'start' | 'dev', options: { port: number; host: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [nextBin, mode, '--port', String(options.port), '--hostname', options.host], {
    cwd: root,
    stdio: 'inherit',
    env: { NEXT_TELEMETRY_DISABLED: '1', ...options.env },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}
