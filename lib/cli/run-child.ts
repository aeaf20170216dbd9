import { spawn } from 'node:child_process';
import { CliError, ExitCode } from './exit-codes';

/**
 * Runs a program attached to this terminal and resolves to its exit code. Ctrl-C reaches the child
 * through the terminal itself; we ignore it meanwhile so our clean-up still runs after the child ends.
 */
export function runAttached(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const ignore = () => {};
    process.on('SIGINT', ignore);
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', (error: NodeJS.ErrnoException) => {
      process.off('SIGINT', ignore);
      reject(error.code === 'ENOENT' ? new CliError(`${command} is not installed (or not on PATH).`, ExitCode.failed) : error);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 128 + 2 : ExitCode.failed));
    });
  });
}
