import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestAccessInput } from '@/lib/domain/request-input';
import { adminFixture, type AdminFixture } from '@/lib/testing/admin-fixture';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { upsertPolicy } from '../admin/upsert-policy';
import { listRequestable } from './catalog';
import { requestAccess } from './request-access';

// Issue 10, items 6 and 15: a policy's ticket example and justification minimum are stored, offered to
// requesters in the catalog, and enforced by the service (the form's own check is only a courtesy).

let f: AdminFixture;
let entitlementId: string;
beforeAll(async () => {
  f = await adminFixture();
  const resource = await f.database.db.resource.create({ data: { slug: 'change-board', name: 'Change board', kind: 'portal', settings: {} } });
  entitlementId = (await f.database.db.entitlement.create({ data: { resourceId: resource.id, role: 'approver', description: '' } })).id;
});
afterAll(async () => f?.database.close());

const rules = {
  eligibleGroups: ['engineering'],
  approverGroups: ['sre-leads'],
  requiredApprovals: 1,
  maxDurationMinutes: 60,
  justificationRequired: true,
  ticketRequired: true,
  ticketPattern: '^CHG-[0-9]+$',
  autoApproveGroups: [],
  autoApproveMaxMinutes: null,
  pendingTtlMinutes: 1440,
  breakGlassAllowed: false,
  breakGlassMaxMinutes: 60,
  breakGlassGroups: [] as string[],
  slackChannelEnv: null,
};

describe('ticket example and justification minimum', () => {
  it('defaults the minimum to 10 characters and refuses an example the pattern does not match', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const { entitlement } = await upsertPolicy(f.deps, carol, { entitlementId, ...rules, ticketExample: '', justificationMinLength: '' } as never);
    expect(entitlement.policy).toMatchObject({ ticketExample: null, justificationMinLength: 10 });
    await expectAppError(upsertPolicy(f.deps, carol, { entitlementId, ...rules, ticketExample: 'OPS-1', justificationMinLength: 10 }), 'unprocessable', { field: 'ticketExample' });
    await expectAppError(upsertPolicy(f.deps, carol, { entitlementId, ...rules, ticketExample: null, justificationMinLength: 0 }), 'unprocessable', { field: 'justificationMinLength' });
  });

  it('shows requesters the example and the minimum, and holds requests to both', async () => {
    const carol = await f.ctxOf('carol@example.com');
    await upsertPolicy(f.deps, carol, { entitlementId, ...rules, ticketExample: 'CHG-42', justificationMinLength: 20 });
    const alice = await f.ctxOf('alice@example.com');
    const entry = (await listRequestable(f.deps, alice)).find((e) => e.resource === 'change-board');
    expect(entry?.policy).toMatchObject({ ticketExample: 'CHG-42', justificationMinLength: 20, ticketPattern: '^CHG-[0-9]+$' });

    const input = (patch: Record<string, unknown>) => requestAccessInput.parse({ resource: 'change-board', role: 'approver', durationMinutes: 30, ...patch });
    const error = await expectAppError(requestAccess(f.deps, alice, input({ justification: 'short reason', ticket: 'chg-1' })), 'unprocessable', { field: 'justification' });
    expect(error.details?.fields).toEqual({
      justification: 'A justification of at least 20 characters is required (12 so far).',
      ticket: 'The ticket must look like CHG-42.',
    });
    expect(await f.database.db.accessRequest.count({ where: { entitlementId } })).toBe(0);

    const ok = await requestAccess(f.deps, alice, input({ justification: 'Open the change window now', ticket: 'CHG-7' }));
    expect(ok.status).toBe('pending');
  });
});
