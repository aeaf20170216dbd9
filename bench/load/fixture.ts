import type { Db } from '@/lib/db/client';
import { systemClock } from '@/lib/domain/clock';
import { defaultConnectors } from '@/lib/connectors/registry';
import { seedDemo } from '@/lib/seed/seed-demo';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import type { TokenScope } from '@/lib/domain/scopes';
import { actorContext } from '@/lib/testing/actors';
import type { Tokens } from './mix';

// The demo organisation plus `count` engineers who may take feature-flags/admin (auto-approved) and ask
// for feature-flags/editor (approved by bob), each with an API token; bob approves by token, and carol
// (an admin) gives a service account's check_any token. Tokens are made by the service, as an operator would.
export async function loadFixture(db: Db, count: number): Promise<Tokens> {
  await seedDemo(db);
  const engineering = await db.group.findUniqueOrThrow({ where: { name: 'engineering' } });
  const emails = Array.from({ length: count }, (_, i) => `load-${String(i + 1).padStart(3, '0')}@example.com`);
  for (const email of emails) {
    await db.user.create({ data: { email, name: email.split('@')[0]!, role: 'member', source: 'seed', memberships: { create: { groupId: engineering.id } } } });
  }
  const deps = { db, clock: systemClock, connectors: defaultConnectors() };
  const token = async (email: string, scopes: TokenScope[]) => (await createApiToken(deps, await actorContext(db, email), { name: 'load test', scopes })).secret;
  return {
    requesters: await Promise.all(emails.map(async (email) => ({ email, secret: await token(email, ['requests', 'grants']) }))),
    approver: await token('bob@example.com', ['approvals']),
    checker: await token('carol@example.com', ['check_any']),
  };
}
