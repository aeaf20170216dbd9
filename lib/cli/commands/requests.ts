import type { Command } from 'commander';
import type { CatalogEntry, RequestView } from '../api-types';
import { approvalsText, printRequest } from '../describe';
import { formatMinutes, parseDuration, parseStart, parseTimeout } from '../duration';
import { CliError, ExitCode, exitCodeForRequestStatus } from '../exit-codes';
import { printJson, printTable, say, shortTime, type OutputOptions } from '../output';
import { signedInClient } from '../session';
import { waitForRequest } from '../wait-for-request';

interface RequestOptions {
  for: string;
  why?: string;
  ticket?: string;
  start?: string;
  wait?: boolean;
  timeout: string;
}

/** "prod-postgres/read-only" → its two halves; anything else is a usage error. */
export function parseTarget(text: string): { resource: string; role: string } {
  const slash = text.indexOf('/');
  const resource = text.slice(0, slash).trim();
  const role = text.slice(slash + 1).trim();
  if (slash < 0 || !resource || !role) throw new CliError(`"${text}" is not RESOURCE/ROLE (e.g. prod-postgres/read-only); see \`timebox resources\`.`, ExitCode.usage);
  return { resource, role };
}

const requestPath = (id: string) => `/api/v1/requests/${encodeURIComponent(id)}`;

async function request(target: string, options: RequestOptions & OutputOptions): Promise<number> {
  const { resource, role } = parseTarget(target);
  const durationMinutes = parseDuration(options.for, '--for');
  const timeoutSeconds = parseTimeout(options.timeout);
  const startAt = options.start ? parseStart(options.start).toISOString() : undefined;
  const client = await signedInClient();
  const created = (await client.post<{ request: RequestView }>('/api/v1/requests', { resource, role, durationMinutes, justification: options.why ?? '', ticket: options.ticket, startAt })).request;
  const final = options.wait ? await waitForRequest(client, created, timeoutSeconds) : created;
  if (options.json) printJson({ request: final });
  else if (!options.wait) say(`Request ${final.id} is ${final.status}${final.grant ? `; grant ${final.grant.id} is ${final.grant.status}` : ''}.`);
  else printRequest(final);
  if (!options.wait) return ExitCode.done;
  if (final.grant?.status === 'failed') throw new CliError(`the grant could not be set up: ${final.grant.failureReason ?? 'see the portal'}.`, ExitCode.failed);
  return exitCodeForRequestStatus(final.status);
}

export function registerRequestCommands(program: Command, globals: () => OutputOptions): void {
  program
    .command('resources')
    .description('what you may request, with each policy’s limits')
    .action(async () => {
      const { items } = await (await signedInClient()).get<{ items: CatalogEntry[] }>('/api/v1/resources');
      if (globals().json) return printJson({ items });
      printTable(
        ['RESOURCE/ROLE', 'KIND', 'MAX', 'APPROVALS', 'AUTO-APPROVED', 'TICKET'],
        items.map((e) => [
          `${e.resource}/${e.role}`,
          e.resourceKind,
          formatMinutes(e.policy.maxDurationMinutes),
          e.policy.requiredApprovals,
          e.policy.autoApproveUpToMinutes ? `up to ${formatMinutes(e.policy.autoApproveUpToMinutes)}` : 'no',
          e.policy.ticketRequired ? (e.policy.ticketExample ?? 'required') : 'no',
        ]),
        'Nothing you may request.',
      );
    });

  program
    .command('request')
    .description('ask for a role for a while; --wait until it is granted, denied or expired')
    .argument('<resource/role>', 'what to ask for, e.g. prod-postgres/read-only')
    .requiredOption('--for <duration>', 'how long, e.g. 30m, 2h, 1h30m')
    .option('--why <text>', 'the justification approvers read')
    .option('--ticket <ref>', 'a ticket reference, e.g. OPS-123')
    .option('--start <time>', 'start later: an ISO time or +15m')
    .option('--wait', 'wait until granted (exit 0), denied (3) or expired (4)')
    .option('--timeout <duration>', 'with --wait: give up after this long (exit 4)', '15m')
    .action(async (target: string, options: RequestOptions) => {
      process.exitCode = await request(target, { ...globals(), ...options });
    });

  program
    .command('requests')
    .description('your requests, newest first')
    .option('--status <status>', 'only pending, approved, denied, cancelled or expired')
    .action(async (options: { status?: string }) => {
      const query = new URLSearchParams({ mine: 'true', ...(options.status ? { status: options.status } : {}) });
      const { items } = await (await signedInClient()).get<{ items: RequestView[] }>(`/api/v1/requests?${query}`);
      if (globals().json) return printJson({ items });
      printTable(
        ['ID', 'STATUS', 'RESOURCE/ROLE', 'FOR', 'APPROVALS', 'GRANT', 'CREATED'],
        items.map((r) => [r.id, r.status, `${r.resource}/${r.role}`, formatMinutes(r.durationMinutes), approvalsText(r), r.grant ? `${r.grant.id.slice(0, 8)} ${r.grant.status}` : null, shortTime(r.createdAt)]),
        'No requests.',
      );
    });

  program
    .command('status')
    .description('one request: its status, approvals and grant')
    .argument('<id>', 'the request id')
    .action(async (id: string) => {
      const { request: r } = await (await signedInClient()).get<{ request: RequestView }>(requestPath(id));
      if (globals().json) return printJson({ request: r });
      printRequest(r);
    });

  program
    .command('cancel')
    .description('withdraw your pending request')
    .argument('<id>', 'the request id')
    .action(async (id: string) => {
      const { request: r } = await (await signedInClient()).post<{ request: RequestView }>(`${requestPath(id)}/cancel`);
      if (globals().json) return printJson({ request: r });
      say(`Request ${r.id} is ${r.status}.`);
    });
}
