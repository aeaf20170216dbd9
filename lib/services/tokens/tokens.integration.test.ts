import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/auth/load-actor';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { authenticateToken } from './authenticate-token';
import { createApiToken } from './create-api-token';
import { listApiTokens } from './list-api-tokens';
import { revokeApiToken } from './revoke-api-token';
import { runTokenCommand } from './token-cli';

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
});
afterAll(async () => database?.close());

async function as(email: string, via: ActorContext['via'] = 'web'): Promise<ActorContext> {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return { actor: (await loadActor(database.db, user.id))!, via, ip: '198.51.100.4', userAgent: 'vitest' };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.details?.field, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
};

describe('createApiToken', () => {
  it('returns the secret once and stores only its SHA-256, with the audit event in the same breath', async () => {
    const { token, secret } = await createApiToken(deps, await as('alice@example.com'), { name: 'deploy pipeline', expiresInDays: 30 });
    expect(secret).toMatch(/^tbx_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'deploy pipeline', prefix: secret.slice(4, 12), scopes: ['requests', 'grants'], status: 'active', expiresAt: '2026-04-01T10:00:00.000Z', lastUsedAt: null });
    const row = await database.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));
    const everything = JSON.stringify([row, await database.db.auditEvent.findMany()], (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(4));
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: 'token.created' } });
    expect(event).toMatchObject({ actorLabel: 'alice@example.com', ip: '198.51.100.4', data: { tokenId: token.id, prefix: token.prefix, scopes: ['requests', 'grants'], via: 'web' } });
  });

  it('refuses unknown scopes (422), no scopes (422), and scopes the user may not give (403)', async () => {
    const alice = await as('alice@example.com');
    expect(await failure(createApiToken(deps, alice, { name: 'x', scopes: ['requests', 'root'] }))).toMatchObject({ code: 'unprocessable', field: 'scopes', message: 'Unknown scope(s): root.' });
    expect(await failure(createApiToken(deps, alice, { name: 'x', scopes: [] }))).toMatchObject({ code: 'unprocessable', field: 'scopes' });
    expect(await failure(createApiToken(deps, alice, { name: 'x', scopes: ['audit'] }))).toMatchObject({ code: 'forbidden', field: 'scopes' });
    expect(await failure(createApiToken(deps, alice, { name: 'x', scopes: ['activity'] }))).toMatchObject({ code: 'forbidden' });
    expect(await failure(createApiToken(deps, await as('dave@example.com'), { name: 'x', scopes: ['activity'] }))).toMatchObject({ code: 'forbidden' });
    // auditors may read the trail; admins may also report activity
    await expect(createApiToken(deps, await as('dave@example.com'), { name: 'siem export', scopes: ['audit'] })).resolves.toMatchObject({ token: { scopes: ['audit'] } });
    await expect(createApiToken(deps, await as('carol@example.com'), { name: 'agent', scopes: ['audit', 'activity', 'check'] })).resolves.toMatchObject({ token: { scopes: ['audit', 'activity', 'check'] } });
    expect(await database.db.apiToken.count({ where: { user: { email: 'alice@example.com' } } })).toBe(1);
  });

  it('will not let a token mint a token', async () => {
    const ctx = { ...(await as('alice@example.com')), via: 'api' as const, token: { id: crypto.randomUUID(), scopes: ['requests' as const] } };
    expect(await failure(createApiToken(deps, ctx, { name: 'child' }))).toMatchObject({ code: 'forbidden' });
  });
});

describe('listApiTokens and revokeApiToken', () => {
  it('lists only the actor’s own tokens', async () => {
    await createApiToken(deps, await as('bob@example.com'), { name: 'bob ci' });
    const names = (await listApiTokens(deps, await as('alice@example.com'))).map((t) => t.name);
    expect(names).toEqual(['deploy pipeline']);
    const json = JSON.stringify(await listApiTokens(deps, await as('bob@example.com')));
    expect(json).not.toContain('tokenHash');
  });

  it('revokes one’s own token once (then 409), and finds nobody else’s (404)', async () => {
    const [bobs] = await listApiTokens(deps, await as('bob@example.com'));
    const alice = await as('alice@example.com');
    for (const tokenId of [bobs!.id, crypto.randomUUID(), 'not-a-uuid', "' OR 1=1 --"]) {
      expect(await failure(revokeApiToken(deps, alice, { tokenId }))).toMatchObject({ code: 'not_found' });
    }
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: bobs!.id } })).revokedAt).toBeNull();

    const bob = await as('bob@example.com');
    expect(await revokeApiToken(deps, bob, { tokenId: bobs!.id })).toMatchObject({ status: 'revoked', revokedAt: clock.now().toISOString() });
    expect(await failure(revokeApiToken(deps, bob, { tokenId: bobs!.id }))).toMatchObject({ code: 'conflict' });
    expect(await database.db.auditEvent.count({ where: { action: 'token.revoked' } })).toBe(1);
  });
});

describe('authenticateToken', () => {
  it('resolves the actor and writes lastUsedAt at most once a minute', async () => {
    const { token, secret } = await createApiToken(deps, await as('frank@example.com'), { name: 'frank', scopes: ['approvals', 'check'] });
    const identity = await authenticateToken(deps, secret);
    expect(identity).toMatchObject({ actor: { email: 'frank@example.com', isApprover: true }, token: { id: token.id, scopes: ['approvals', 'check'] } });
    const first = clock.now();
    const lastUsed = async () => (await database.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(await lastUsed()).toEqual(first);
    clock.advance(59_000);
    await authenticateToken(deps, secret);
    expect(await lastUsed()).toEqual(first);
    clock.advance(2_000);
    await authenticateToken(deps, secret);
    expect(await lastUsed()).toEqual(clock.now());
  });

  it('finds nothing for malformed, unknown, revoked or expired secrets, or a disabled user', async () => {
    expect(await authenticateToken(deps, 'tbx_short')).toBeNull();
    expect(await authenticateToken(deps, `tbx_${'a'.repeat(43)}`)).toBeNull();
    const erin = await as('erin@example.com');
    const expiring = await createApiToken(deps, erin, { name: 'short-lived', expiresInDays: 1 });
    const revoked = await createApiToken(deps, erin, { name: 'revoked' });
    const plain = await createApiToken(deps, erin, { name: 'plain' });
    await revokeApiToken(deps, erin, { tokenId: revoked.token.id });
    expect(await authenticateToken(deps, revoked.secret)).toBeNull();
    expect(await authenticateToken(deps, expiring.secret)).not.toBeNull();
    clock.advance(24 * 60 * 60_000);
    expect(await authenticateToken(deps, expiring.secret)).toBeNull();
    expect((await listApiTokens(deps, erin)).find((t) => t.id === expiring.token.id)?.status).toBe('expired');
    expect(await authenticateToken(deps, plain.secret)).not.toBeNull();
    await database.db.user.update({ where: { email: 'erin@example.com' }, data: { disabledAt: clock.now() } });
    expect(await authenticateToken(deps, plain.secret)).toBeNull();
  });
});

describe('the operator CLI (npm run token)', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const info: string[] = [];
    await runTokenCommand(deps, argv, { info: (l) => info.push(l), result: (l) => out.push(l) });
    return { out, info };
  };

  it('creates a token for a user and prints the secret alone on the last line', async () => {
    const { out, info } = await run('create', '--email', 'Bob@Example.com', '--name', 'release bot', '--scopes', 'requests, approvals', '--expires-days', '7');
    expect(out).toHaveLength(1);
    const secret = out.at(-1)!;
    expect(secret).toMatch(/^tbx_[A-Za-z0-9_-]{43}$/);
    expect(info.join('\n')).toContain('release bot');
    expect(info.join('\n')).not.toContain(secret);
    expect(await authenticateToken(deps, secret)).toMatchObject({ actor: { email: 'bob@example.com' }, token: { scopes: ['requests', 'approvals'] } });
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: 'token.created', actorLabel: 'bob@example.com via cli' } });
    expect(event.data).toMatchObject({ name: 'release bot', via: 'cli' });
  });

  it('lists and revokes', async () => {
    const { out } = await run('list', '--email', 'bob@example.com');
    const line = out.find((l) => l.endsWith('release bot'))!;
    expect(line).toMatch(/\tactive\trequests,approvals\t/);
    const id = line.split('\t')[0]!;
    await run('revoke', '--id', id);
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
    expect((await run('list', '--email', 'bob@example.com')).out.find((l) => l.startsWith(id))).toContain('\trevoked\t');
  });

  it.each([
    [['create', '--email', 'nobody@example.com', '--name', 'x'], /No enabled user/],
    [['create', '--email', 'alice@example.com'], /--name is required/],
    [['create', '--email', 'alice@example.com', '--name', 'x', '--expires-days', 'soon'], /--expires-days: /],
    [['create', '--email', 'alice@example.com', '--name', 'x', '--scopes', 'requests,root'], /Unknown scope\(s\): root/],
    [['create', '--email', 'alice@example.com', '--name', 'x', '--scopes', 'audit'], /cannot give a token/],
    [['revoke', '--id', '00000000-0000-4000-8000-000000000000'], /No token has the id/],
    [['rotate'], /Unknown command "rotate"/],
    [['list', '--email', 'alice@example.com', '--bogus'], /Unknown option '--bogus'/],
  ])('fails in one line: %j', async (argv, message) => {
    const error = await run(...argv).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });

  it('prints its usage for --help', async () => {
    expect((await run('--help')).info.join('\n')).toContain('npm run token -- create');
  });
});
