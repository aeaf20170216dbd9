import { Command, CommanderError } from 'commander';
import { registerApprovalCommands } from './commands/approvals';
import { registerAuthCommands } from './commands/auth';
import { registerConnectCommands } from './commands/connect';
import { registerGrantCommands } from './commands/grants';
import { registerRequestCommands } from './commands/requests';
import { CliError, ExitCode } from './exit-codes';
import type { OutputOptions } from './output';

/** The whole command tree. Errors are thrown (exitOverride), so `run` decides every exit code in one place. */
export function buildProgram(): Command {
  const program = new Command('timebox')
    .description('Just-in-time access from the terminal: request, approve and use roles on Timebox.')
    .option('--json', 'machine-readable output on stdout')
    .exitOverride()
    .showHelpAfterError('(run `timebox --help` for usage)')
    .addHelpText('after', '\nExit codes: 0 done, 1 failed, 2 usage, 3 denied or forbidden, 4 timed out or expired, 5 cannot reach the server.');
  const globals = (): OutputOptions => program.opts<OutputOptions>();
  registerAuthCommands(program, globals);
  registerRequestCommands(program, globals);
  registerApprovalCommands(program, globals);
  registerGrantCommands(program, globals);
  registerConnectCommands(program);
  // Subcommands inherit exitOverride and output settings only when set on each of them.
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run `timebox ' + command.name() + ' --help` for usage)');
  return program;
}

/** Runs the CLI on `argv` (node's, with the two leading entries) and resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.done;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the problem (or the help); help and --version are successes.
      return error.exitCode === 0 ? ExitCode.done : ExitCode.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`timebox: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`timebox: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TIMEBOX_DEBUG) console.error(error);
    return ExitCode.failed;
  }
}
