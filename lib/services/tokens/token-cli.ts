import { parseArgs } from 'node:util';
import { loadActor } from '@/lib/auth/load-actor';
import type { ActorContext } from '@/lib/domain/context';
import type { Actor } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { createApiToken } from './create-api-token';
import { listApiTokens } from './list-api-tokens';
import { revokeApiToken } from './revoke-api-token';
import { createTokenInput } from './token-input';
import { isUuid } from '@/lib/domain/ids';

// The operator CLI behind `npm run token`, kept here (not in scripts/) so tests drive it in-process.

export interface CliOutput {
  /** Human-readable lines (stderr): never parsed by scripts. */
  info(line: string): void;
  /** Machine-readable lines (stdout). `create` writes exactly one: the secret. */
  result(line: string): void;
}

export const tokenUsage = `usage:
  npm run token -- create --email <email> --name <name> [--scopes requests,grants] [--expires-days <n>]
  npm run token -- list --email <email>
  npm run token -- revoke --id <token id>`;

const flagOf: Record<string, string> = { name: '--name', scopes: '--scopes', expiresInDays: '--expires-days' };

/** The CLI acts as the token's user, through "cli" (the audit label says so). */
async function contextFor(deps: ServiceDeps, email: string): Promise<ActorContext> {
  const user = await deps.db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  const actor = user ? await loadActor(deps.db, user.id) : null;
  if (!actor) throw new AppError('not_found', `No enabled user has the e-mail ${email}.`);
  return { actor, via: 'cli', ip: null, userAgent: 'timebox-cli' };
}

function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new AppError('bad_request', `${flag} is required (npm run token -- --help).`);
  return value;
}

/** Runs one CLI command. Throws AppError (or a parseArgs TypeError) with a one-line message. */
export async function runTokenCommand(deps: ServiceDeps, argv: string[], out: CliOutput): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' }, 'expires-days': { type: 'string' }, id: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || !command) {
    out.info(tokenUsage);
    return;
  }
  if (positionals.length > 1) throw new AppError('bad_request', `Unexpected argument "${positionals[1]}" (npm run token -- --help).`);

  if (command === 'create') {
    const ctx = await contextFor(deps, required(values.email, '--email'));
    const parsed = createTokenInput.safeParse({
      name: required(values.name, '--name'),
      scopes: values.scopes?.split(',').map((s) => s.trim()).filter(Boolean),
      expiresInDays: values['expires-days'],
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('bad_request', `${flagOf[String(issue.path[0])] ?? 'input'}: ${issue.message}`);
    }
    const { token, secret } = await createApiToken(deps, ctx, parsed.data);
    out.info(`Created token "${token.name}" for ${ctx.actor.email}: id ${token.id}, prefix ${token.prefix}, scopes ${token.scopes.join(',')}, expires ${token.expiresAt ?? 'never'}.`);
    out.info('Store the token printed below now: it is never shown again.');
    out.result(secret);
    return;
  }

  if (command === 'list') {
    const ctx = await contextFor(deps, required(values.email, '--email'));
    const tokens = await listApiTokens(deps, ctx);
    if (tokens.length === 0) out.info(`${ctx.actor.email} has no API tokens.`);
    for (const t of tokens) {
      out.result([t.id, `tbx_${t.prefix}…`, t.status, t.scopes.join(','), `expires=${t.expiresAt ?? 'never'}`, `lastUsed=${t.lastUsedAt ?? 'never'}`, t.name].join('\t'));
    }
    return;
  }

  if (command === 'revoke') {
    const id = required(values.id, '--id').trim();
    const token = isUuid(id) ? await deps.db.apiToken.findUnique({ where: { id }, include: { user: true } }) : null;
    if (!token) throw new AppError('not_found', `No token has the id ${id}.`);
    // A disabled user's token is already refused at the API; revoking it must still work.
    const actor: Actor = (await loadActor(deps.db, token.userId)) ?? { id: token.user.id, email: token.user.email, name: token.user.name, role: token.user.role, groups: [], isApprover: false };
    const revoked = await revokeApiToken(deps, { actor, via: 'cli', ip: null, userAgent: 'timebox-cli' }, { tokenId: token.id });
    out.info(`Revoked token "${revoked.name}" (prefix ${revoked.prefix}) of ${actor.email}.`);
    return;
  }

  throw new AppError('bad_request', `Unknown command "${command}": use create, list or revoke (npm run token -- --help).`);
}
