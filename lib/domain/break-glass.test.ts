import { describe, expect, it } from 'vitest';
import { policyInput } from './admin-input';
import { breakGlassLimit, checkBreakGlassAll, mayBreakGlass } from './break-glass';
import { requestFormErrors } from './request-form-errors';

const form = (patch: Record<string, string> = {}) => ({
  eligibleGroups: 'engineering, sre-leads',
  approverGroups: 'sre-leads',
  maxDurationMinutes: '60',
  breakGlassAllowed: 'on',
  breakGlassMaxMinutes: '30',
  breakGlassGroups: '',
  ...patch,
});

describe('break-glass policy fields (the admin form)', () => {
  it('defaults to off, 60 minutes, every eligible group', () => {
    const p = policyInput.parse({ eligibleGroups: 'engineering', approverGroups: 'sre-leads', maxDurationMinutes: '120' });
    expect(p).toMatchObject({ breakGlassAllowed: false, breakGlassMaxMinutes: 60, breakGlassGroups: [] });
  });
  it('keeps the maximum within the longest duration while break-glass is on, and lets an untouched default pass while it is off', () => {
    const refused = policyInput.safeParse(form({ breakGlassMaxMinutes: '90' }));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues).toContainEqual(expect.objectContaining({ path: ['breakGlassMaxMinutes'], message: expect.stringMatching(/must not exceed the longest duration \(60 minutes\)/) }));
    expect(policyInput.safeParse(form({ breakGlassAllowed: '', breakGlassMaxMinutes: '', maxDurationMinutes: '30' })).success).toBe(true);
  });
  it('allows only a narrower list of eligible groups to break glass', () => {
    expect(policyInput.parse(form({ breakGlassGroups: 'sre-leads' })).breakGlassGroups).toEqual(['sre-leads']);
    const refused = policyInput.safeParse(form({ breakGlassGroups: 'sre-leads, contractors' }));
    expect(refused.error!.issues).toContainEqual(expect.objectContaining({ path: ['breakGlassGroups'], message: expect.stringMatching(/not eligible: contractors/) }));
  });
});

describe('checkBreakGlassAll', () => {
  const policy = policyInput.parse(form({ breakGlassGroups: 'sre-leads', ticketRequired: 'on', ticketPattern: '^INC-[0-9]+$' }));
  const facts = { groups: ['sre-leads'], durationMinutes: 20, justification: 'database down since 03:00', ticket: 'INC-1' };
  it('passes a complete emergency request', () => {
    expect(checkBreakGlassAll(policy, facts)).toEqual([]);
    expect(mayBreakGlass(policy, ['sre-leads'])).toBe(true);
    expect(breakGlassLimit(policy)).toBe(30);
  });
  it('refuses, in order: not eligible, switched off, not in the narrower list', () => {
    expect(checkBreakGlassAll(policy, { ...facts, groups: ['sales'] })[0]!.message).toMatch(/not eligible/);
    expect(checkBreakGlassAll({ ...policy, breakGlassAllowed: false }, facts)[0]!.message).toMatch(/Break-glass is not allowed for this role/);
    expect(checkBreakGlassAll(policy, { ...facts, groups: ['engineering'] })[0]!.message).toMatch(/Only members of sre-leads/);
  });
  it('flags duration, justification and ticket together', () => {
    expect(checkBreakGlassAll(policy, { ...facts, durationMinutes: 31, justification: 'down', ticket: 'x' }).map((v) => v.field)).toEqual(['durationMinutes', 'justification', 'ticket']);
  });
});

describe('requestFormErrors with break-glass', () => {
  const rules = { maxDurationMinutes: 60, justificationRequired: true, ticketRequired: false, ticketPattern: null, ticketExample: null, justificationMinLength: 10 };
  const values = { resource: 'prod-postgres', role: 'read-write', durationMinutes: '45', justification: 'not twenty yet', ticket: '', startAt: '' };
  it('checks the break-glass limit and the 20-character justification only when breaking glass', () => {
    expect(requestFormErrors(rules, values)).toEqual({});
    expect(requestFormErrors(rules, values, 30)).toEqual({ durationMinutes: 'Break-glass access lasts at most 30 minutes.', justification: expect.stringMatching(/at least 20 characters/) });
  });
});
