import { ConfigError } from '@/lib/config/env';

/**
 * Runs a command-line entry point: expected failures end in one readable line and exit 1,
 * never a stack trace (set LOG_LEVEL=debug to see one).
 */
export function runCli(name: string, main: () => Promise<void | number>): void {
  main()
    .then((code) => {
      if (typeof code === 'number') process.exitCode = code;
    })
    .catch((error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(`${name}: configuration error: ${error.message}`);
      } else {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        if (process.env.LOG_LEVEL === 'debug') console.error(error);
      }
      process.exitCode = 1;
    });
}
