import { describe, expect, it } from 'vitest';
import { checkRequestAll, type PolicyRules } from './policy';
import { requestFormErrors } from './request-form-errors';

const policy: PolicyRules = {
  eligibleGroups: ['engineering'],
  approverGroups: ['sre-leads'],
  requiredApprovals: 1,
  maxDurationMinutes: 60,
  justificationRequired: true,
  ticketRequired: true,
  ticketPattern: '^OPS-[0-9]+$',
  ticketExample: null,
  justificationMinLength: 1,
  autoApproveGroups: [],
  autoApproveMaxMinutes: null,
  pendingTtlMinutes: 60,
};
const empty = { resource: 'status-page', role: 'editor', durationMinutes: '', justification: '', ticket: '', startAt: '' };

describe('checkRequestAll', () => {
  it('returns every failed check, in the order the form shows them, the first being the one a single message names', () => {
    const facts = { groups: ['engineering'], durationMinutes: 90, justification: ' ', ticket: undefined };
    expect(checkRequestAll(policy, facts).map((v) => v.field)).toEqual(['durationMinutes', 'justification', 'ticket']);
    expect(checkRequestAll(policy, facts)[0]).toMatchObject({ field: 'durationMinutes' });
    expect(checkRequestAll(policy, { ...facts, durationMinutes: 30, justification: 'ok', ticket: 'nope' })).toEqual([{ code: 'unprocessable', field: 'ticket', message: 'The ticket must match ^OPS-[0-9]+$.' }]);
    expect(checkRequestAll(policy, { ...facts, durationMinutes: 30, justification: 'ok', ticket: 'OPS-1' })).toEqual([]);
  });

  it('says only "not eligible" to someone outside the eligible groups', () => {
    expect(checkRequestAll(policy, { groups: ['sales'], durationMinutes: 90, justification: '' })).toEqual([{ code: 'forbidden', message: 'You are not eligible to request this role.' }]);
    expect(checkRequestAll(null, { groups: ['engineering'], durationMinutes: 5, justification: 'x' })).toMatchObject([{ code: 'forbidden' }]);
  });
});

describe('requestFormErrors', () => {
  it('flags duration, justification and ticket together on an empty submit', () => {
    expect(Object.keys(requestFormErrors(policy, empty)).sort()).toEqual(['durationMinutes', 'justification', 'ticket']);
  });

  it('adds the policy limits to the shape errors, and nothing when all is well', () => {
    expect(requestFormErrors(policy, { ...empty, resource: '', durationMinutes: '90', ticket: 'x' })).toEqual({
      resource: 'Choose a resource',
      durationMinutes: 'The longest allowed duration is 60 minutes.',
      justification: 'A justification is required.',
      ticket: 'The ticket must match ^OPS-[0-9]+$.',
    });
    expect(requestFormErrors(policy, { ...empty, durationMinutes: '30', justification: 'deploy fix', ticket: 'OPS-9' })).toEqual({});
    expect(requestFormErrors({ ...policy, justificationRequired: false, ticketRequired: false }, { ...empty, durationMinutes: '30' })).toEqual({});
  });

  it("flags a justification shorter than the policy's minimum before submitting, and the ticket by its example", () => {
    const strict = { ...policy, justificationMinLength: 10, ticketExample: 'OPS-123' };
    expect(requestFormErrors(strict, { ...empty, durationMinutes: '30', justification: 'fix', ticket: 'ops' })).toEqual({
      justification: 'A justification of at least 10 characters is required (3 so far).',
      ticket: 'The ticket must look like OPS-123.',
    });
    expect(requestFormErrors(strict, { ...empty, durationMinutes: '30', justification: 'deploy the fix', ticket: 'OPS-9' })).toEqual({});
  });

  it('without a chosen role, still flags what the shape needs', () => {
    expect(Object.keys(requestFormErrors(null, { ...empty, role: '' })).sort()).toEqual(['durationMinutes', 'role']);
  });
});
