import type { RequestView } from './api-types';
import { CliError, ExitCode } from './exit-codes';
import type { ApiClient } from './http-client';
import { shortTime } from './output';
import { sleep } from './sleep';
import { startSpinner } from './spinner';

const POLL_MS = 2_000;

/**
 * Whether a request has come to rest for `--wait`: decided, and when approved, its grant is live (or
 * scheduled for a later start, or failed). An approved request whose grant is still being provisioned is
 * not done yet: the user wants to use the access the moment the command returns.
 */
export function isSettled(request: RequestView, now: Date): boolean {
  if (request.status === 'pending') return false;
  if (request.status !== 'approved' || !request.grant) return true;
  const { status, startsAt } = request.grant;
  if (status === 'provisioning') return false;
  if (status === 'scheduled') return new Date(startsAt) > now;
  return true;
}

function progress(request: RequestView): string {
  if (request.status === 'approved') return `Approved; the grant is ${request.grant?.status ?? 'being created'}…`;
  const approvals = request.approvals ? `${request.approvals.approved} of ${request.approvals.required} approvals` : 'waiting for approval';
  return `Pending: ${approvals} (the request lapses at ${shortTime(request.expiresAt)})…`;
}

/** Polls the request until it settles or `timeoutSeconds` pass (exit 4); shows the approvals so far on a terminal. */
export async function waitForRequest(client: ApiClient, initial: RequestView, timeoutSeconds: number): Promise<RequestView> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let request = initial;
  const spinner = startSpinner(progress(request));
  try {
    while (!isSettled(request, new Date())) {
      if (Date.now() >= deadline) {
        throw new CliError(`timed out after ${timeoutSeconds} s; request ${request.id} is still ${request.status} (see \`timebox status ${request.id}\`).`, ExitCode.expired);
      }
      await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
      request = (await client.get<{ request: RequestView }>(`/api/v1/requests/${encodeURIComponent(request.id)}`)).request;
      spinner.update(progress(request));
    }
    return request;
  } finally {
    spinner.stop();
  }
}
