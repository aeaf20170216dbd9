// The `timebox` command's exit codes, documented in docs/cli.md: scripts branch on them, so they never change.
export const ExitCode = {
  done: 0,
  failed: 1,
  usage: 2,
  /** Denied, forbidden, or not signed in: asking again the same way will not help. */
  denied: 3,
  /** Timed out waiting, or the thing expired. */
  expired: 4,
  unreachable: 5,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: one line for stderr and the exit code that says what kind it was. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** What an API refusal means for the exit code: the HTTP status first, RFC 8628's codes where they say more. */
export function exitCodeForApiError(status: number, code: string | undefined): ExitCodeValue {
  if (code === 'access_denied') return ExitCode.denied;
  if (code === 'expired_token') return ExitCode.expired;
  if (status === 401 || status === 403) return ExitCode.denied;
  return ExitCode.failed;
}

/** Where a finished request leaves the command: granted is done, denied is 3, lapsed or cancelled is 4. */
export function exitCodeForRequestStatus(status: string): ExitCodeValue {
  if (status === 'approved') return ExitCode.done;
  if (status === 'denied') return ExitCode.denied;
  if (status === 'expired' || status === 'cancelled') return ExitCode.expired;
  return ExitCode.failed;
}
