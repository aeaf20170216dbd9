import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { overrideNotifySettings } from '@/lib/notify/settings';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { extendGrant } from '../grants/extend-grant';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';

// Who hears of an approval, and from where: a new grant's approval is written once the grant exists
// (it links to it), an extension's when the request moves (its grant exists already). Each exactly once.

let database: TestDatabase;
let deps: ServiceDeps;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock: manualClock(new Date()), connectors: defaultConnectors() };
  overrideNotifySettings({ baseUrl: 'https://timebox.example.test', reminderMinutes: 10, timeoutMs: 5_000 });
});
afterAll(async () => {
  overrideNotifySettings(null);
  await database?.close();
});

const as = (email: string) => actorContext(database.db, email);
const decisionsOf = (requestId: string) => database.db.notification.findMany({ where: { requestId, kind: 'request_decided' }, include: { recipient: { select: { email: true } } } });

describe('approval messages', () => {
  it('tell the requester once of an approved request, and once of an approved extension', async () => {
    const request = await requestAccess(deps, await as('alice@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'decision message test' }));
    await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    const grant = await database.db.grant.findFirstOrThrow({ where: { requestId: request.id } });
    expect((await decisionsOf(request.id)).map((n) => [n.channel, n.recipient?.email, (n.data as { link: { path: string } }).link.path])).toEqual([['inapp', 'alice@example.com', `/grants/${grant.id}`]]);

    const extension = await extendGrant(deps, await as('alice@example.com'), { grantId: grant.id, minutes: 10, justification: 'a little longer' });
    expect(extension.status).toBe('pending');
    await decideRequest(deps, await as('bob@example.com'), { requestId: extension.id, decision: 'approve' });
    expect((await decisionsOf(extension.id)).map((n) => [n.channel, n.recipient?.email, (n.data as { link: { path: string } }).link.path])).toEqual([['inapp', 'alice@example.com', `/grants/${grant.id}`]]);
  });
});
