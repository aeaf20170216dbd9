import type { Command } from 'commander';
import type { DatabaseCredentials, GrantView, RequestView } from '../api-types';
import { printGrant } from '../describe';
import { parseDuration } from '../duration';
import { CliError, ExitCode } from '../exit-codes';
import type { ApiClient } from '../http-client';
import { printJson, printTable, say, shortTime, type OutputOptions } from '../output';
import { signedInClient } from '../session';

const grantPath = (id: string) => `/api/v1/grants/${encodeURIComponent(id)}`;

/** Fresh database credentials for an active grant: a new password each call (the previous one stops working). */
export async function fetchCredentials(client: ApiClient, grantId: string): Promise<DatabaseCredentials> {
  return client.post<DatabaseCredentials>(`${grantPath(grantId)}/credentials`);
}

/** The libpq variables psql and every other libpq client read: the password never reaches a command line. */
export function pgEnvironment(c: DatabaseCredentials): Record<string, string> {
  return { PGHOST: c.host, PGPORT: String(c.port), PGUSER: c.username, PGPASSWORD: c.password, PGDATABASE: c.database };
}

function printCredentials(c: DatabaseCredentials, format: string): void {
  if (format === 'json') return printJson(c);
  if (format === 'url') return say(c.url);
  const env = c.kind === 'postgres' ? pgEnvironment(c) : { MYSQL_HOST: c.host, MYSQL_TCP_PORT: String(c.port), MYSQL_USER: c.username, MYSQL_PWD: c.password, MYSQL_DATABASE: c.database };
  // Quoted for a POSIX shell, so `eval "$(timebox credentials ID)"` works whatever the password holds.
  for (const [k, v] of Object.entries(env)) say(`export ${k}='${v.replace(/'/g, `'\\''`)}'`);
}

export function registerGrantCommands(program: Command, globals: () => OutputOptions): void {
  program
    .command('grants')
    .description('your grants, live ones first')
    .option('--status <status>', 'only scheduled, provisioning, active, revoking, expired, revoked or failed')
    .action(async (options: { status?: string }) => {
      const query = options.status ? `?${new URLSearchParams({ status: options.status })}` : '';
      const { items } = await (await signedInClient()).get<{ items: GrantView[] }>(`/api/v1/grants${query}`);
      if (globals().json) return printJson({ items });
      printTable(
        ['ID', 'STATUS', 'RESOURCE/ROLE', 'KIND', 'STARTS', 'ENDS'],
        items.map((g) => [g.id, g.status, `${g.resource}/${g.role}`, g.resourceKind, shortTime(g.startsAt), shortTime(g.expiresAt)]),
        'No grants.',
      );
    });

  program
    .command('extend')
    .description('ask for more time on a live grant')
    .argument('<id>', 'the grant id')
    .requiredOption('--by <duration>', 'how much longer, e.g. 15m')
    .option('--why <text>', 'the justification approvers read')
    .option('--ticket <ref>', 'a ticket reference')
    .action(async (id: string, options: { by: string; why?: string; ticket?: string }) => {
      const minutes = parseDuration(options.by, '--by');
      const { request: r } = await (await signedInClient()).post<{ request: RequestView }>(`${grantPath(id)}/extend`, { minutes, justification: options.why ?? '', ticket: options.ticket });
      if (globals().json) return printJson({ request: r });
      say(r.status === 'approved' ? `Extended: grant ${id} now ends at ${shortTime(r.grant?.expiresAt)}.` : `Extension request ${r.id} is ${r.status}.`);
    });

  program
    .command('revoke')
    .description('end a grant now')
    .argument('<id>', 'the grant id')
    .option('--reason <text>', 'why, for the audit trail')
    .action(async (id: string, options: { reason?: string }) => {
      const { grant } = await (await signedInClient()).post<{ grant: GrantView }>(`${grantPath(id)}/revoke`, options.reason ? { reason: options.reason } : {});
      if (globals().json) return printJson({ grant });
      say(`Grant ${grant.id} is ${grant.status}.`);
    });

  program
    .command('grant')
    .description('one grant')
    .argument('<id>', 'the grant id')
    .action(async (id: string) => {
      const { grant } = await (await signedInClient()).get<{ grant: GrantView }>(grantPath(id));
      if (globals().json) return printJson({ grant });
      printGrant(grant);
    });

  program
    .command('credentials')
    .description('fresh database credentials for an active grant (each call replaces the last password)')
    .argument('<id>', 'the grant id')
    .option('--format <format>', 'env (shell exports), url or json', 'env')
    .action(async (id: string, options: { format: string }) => {
      const format = globals().json ? 'json' : options.format;
      if (!['env', 'url', 'json'].includes(format)) throw new CliError(`--format: "${format}" is not env, url or json.`, ExitCode.usage);
      printCredentials(await fetchCredentials(await signedInClient(), id), format);
    });
}
