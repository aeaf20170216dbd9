import { describe, expect, it } from 'vitest';
import { checkRequestAll, eligibilityLostWith, isApproverFor, isAutoApproved, isEligible, type PolicyRules, type RequestFacts } from './policy';

/** The violation a request meets first (the one a single-error caller would show), or null. */
const checkRequest = (...args: Parameters<typeof checkRequestAll>) => checkRequestAll(...args)[0] ?? null;

// Every rule of the policy, with its edges: the boundary value passes and one past it fails, and every
// "missing" case denies (fail closed).

const base: PolicyRules = {
  eligibleGroups: ['engineering', 'sre'],
  approverGroups: ['sre-leads'],
  requiredApprovals: 1,
  maxDurationMinutes: 120,
  justificationRequired: false,
  ticketRequired: false,
  ticketPattern: null,
  ticketExample: null,
  justificationMinLength: 1,
  autoApproveGroups: [],
  autoApproveMaxMinutes: null,
  pendingTtlMinutes: 60,
};
const policy = (patch: Partial<PolicyRules> = {}): PolicyRules => ({ ...base, ...patch });
const facts = (patch: Partial<RequestFacts> = {}): RequestFacts => ({ groups: ['engineering'], durationMinutes: 60, justification: 'deploy', ...patch });

describe('isEligible', () => {
  it('admits a requester in any eligible group', () => {
    expect(isEligible(base, ['engineering'])).toBe(true);
    expect(isEligible(base, ['finance', 'sre'])).toBe(true);
  });

  it('refuses a requester in none of them, or in no group at all', () => {
    expect(isEligible(base, ['finance'])).toBe(false);
    expect(isEligible(base, [])).toBe(false);
  });

  it('fails closed without a policy or with an empty eligible list', () => {
    expect(isEligible(null, ['engineering'])).toBe(false);
    expect(isEligible(policy({ eligibleGroups: [] }), ['engineering'])).toBe(false);
  });

  it('compares group names exactly', () => {
    expect(isEligible(base, ['Engineering', 'engineering-ops'])).toBe(false);
  });
});

describe('isApproverFor', () => {
  it('admits a member of an approver group, and only that', () => {
    expect(isApproverFor(base, ['engineering', 'sre-leads'])).toBe(true);
    expect(isApproverFor(base, ['engineering', 'sre'])).toBe(false);
    expect(isApproverFor(base, [])).toBe(false);
  });

  it('fails closed without a policy or with an empty approver list', () => {
    expect(isApproverFor(null, ['sre-leads'])).toBe(false);
    expect(isApproverFor(policy({ approverGroups: [] }), ['sre-leads'])).toBe(false);
  });

  it('is independent of eligibility: an approver need not be eligible', () => {
    expect(isApproverFor(base, ['sre-leads'])).toBe(true);
    expect(isEligible(base, ['sre-leads'])).toBe(false);
  });
});

describe('checkRequest', () => {
  it('passes a request that meets every rule', () => {
    expect(checkRequest(base, facts())).toBeNull();
  });

  it('forbids without a policy, and when the requester is not eligible', () => {
    const forbidden = { code: 'forbidden', message: 'You are not eligible to request this role.' };
    expect(checkRequest(null, facts())).toEqual(forbidden);
    expect(checkRequest(base, facts({ groups: ['finance'] }))).toEqual(forbidden);
    expect(checkRequest(policy({ eligibleGroups: [] }), facts())).toEqual(forbidden);
  });

  it('checks eligibility before anything else', () => {
    const strict = policy({ justificationRequired: true, ticketRequired: true });
    expect(checkRequest(strict, facts({ groups: ['finance'], durationMinutes: 10_000, justification: '' }))).toMatchObject({ code: 'forbidden' });
  });

  it('allows exactly the maximum duration and refuses one minute more on durationMinutes', () => {
    expect(checkRequest(base, facts({ durationMinutes: 120 }))).toBeNull();
    expect(checkRequest(base, facts({ durationMinutes: 121 }))).toEqual({
      code: 'unprocessable',
      field: 'durationMinutes',
      message: 'The longest allowed duration is 120 minutes.',
    });
  });

  it('counts an extension together with the minutes the grant already has, on the minutes field', () => {
    expect(checkRequest(base, facts({ existingMinutes: 90, durationMinutes: 30 }))).toBeNull();
    expect(checkRequest(base, facts({ existingMinutes: 90, durationMinutes: 31 }))).toEqual({
      code: 'unprocessable',
      field: 'minutes',
      message: 'The longest allowed duration is 120 minutes in all; this grant already has 90.',
    });
    // Zero existing minutes is still an extension: the field is the extension's.
    expect(checkRequest(base, facts({ existingMinutes: 0, durationMinutes: 121 }))).toMatchObject({ field: 'minutes' });
  });

  it('checks the duration before the justification and the ticket', () => {
    const strict = policy({ justificationRequired: true, ticketRequired: true });
    expect(checkRequest(strict, facts({ durationMinutes: 121, justification: '' }))).toMatchObject({ field: 'durationMinutes' });
  });

  it('requires a justification that is not blank when the policy says so', () => {
    const strict = policy({ justificationRequired: true });
    const missing = { code: 'unprocessable', field: 'justification', message: 'A justification is required.' };
    expect(checkRequest(strict, facts({ justification: '' }))).toEqual(missing);
    expect(checkRequest(strict, facts({ justification: ' \t\n' }))).toEqual(missing);
    expect(checkRequest(strict, facts({ justification: 'x' }))).toBeNull();
  });

  it("holds a required justification to the policy's minimum length: the boundary passes, one short fails", () => {
    const strict = policy({ justificationRequired: true, justificationMinLength: 10 });
    expect(checkRequest(strict, facts({ justification: 'x' }))).toEqual({ code: 'unprocessable', field: 'justification', message: 'A justification of at least 10 characters is required (1 so far).' });
    expect(checkRequest(strict, facts({ justification: '123456789' }))).toMatchObject({ field: 'justification' });
    expect(checkRequest(strict, facts({ justification: '1234567890' }))).toBeNull();
    // Surrounding blanks do not count, and a character is what a person sees (not a UTF-16 unit).
    expect(checkRequest(strict, facts({ justification: '   123456789   ' }))).toMatchObject({ field: 'justification' });
    expect(checkRequest(strict, facts({ justification: '🔥🔥🔥🔥🔥' }))).toMatchObject({ field: 'justification', message: expect.stringContaining('(5 so far)') });
    expect(checkRequest(strict, facts({ justification: '' }))).toEqual({ code: 'unprocessable', field: 'justification', message: 'A justification of at least 10 characters is required.' });
  });

  it('applies the minimum to extensions as to requests', () => {
    const strict = policy({ justificationRequired: true, justificationMinLength: 10 });
    expect(checkRequest(strict, facts({ durationMinutes: 10, existingMinutes: 30, justification: 'more' }))).toMatchObject({ field: 'justification' });
    expect(checkRequest(strict, facts({ durationMinutes: 10, existingMinutes: 30, justification: 'the migration runs long' }))).toBeNull();
  });

  it('ignores the minimum when no justification is required', () => {
    expect(checkRequest(policy({ justificationMinLength: 50 }), facts({ justification: 'ok' }))).toBeNull();
  });

  it('accepts a blank justification when the policy does not require one', () => {
    expect(checkRequest(base, facts({ justification: '' }))).toBeNull();
  });

  it('checks the justification before the ticket', () => {
    const strict = policy({ justificationRequired: true, ticketRequired: true });
    expect(checkRequest(strict, facts({ justification: '' }))).toMatchObject({ field: 'justification' });
  });

  it('requires a ticket when the policy says so: missing or empty is refused, any ticket passes without a pattern', () => {
    const strict = policy({ ticketRequired: true });
    const missing = { code: 'unprocessable', field: 'ticket', message: 'A ticket is required.' };
    expect(checkRequest(strict, facts())).toEqual(missing);
    expect(checkRequest(strict, facts({ ticket: '' }))).toEqual(missing);
    expect(checkRequest(strict, facts({ ticket: 'anything' }))).toBeNull();
  });

  it('holds a required ticket to the pattern', () => {
    const strict = policy({ ticketRequired: true, ticketPattern: '^OPS-\\d+$' });
    expect(checkRequest(strict, facts({ ticket: 'OPS-42' }))).toBeNull();
    expect(checkRequest(strict, facts({ ticket: 'ops-42' }))).toEqual({ code: 'unprocessable', field: 'ticket', message: 'The ticket must match ^OPS-\\d+$.' });
    expect(checkRequest(strict, facts({ ticket: 'OPS-42 and more' }))).toMatchObject({ field: 'ticket' });
  });

  it("names the policy's ticket example, not its pattern, when the policy has one", () => {
    const strict = policy({ ticketRequired: true, ticketPattern: '^OPS-\\d+$', ticketExample: 'OPS-123' });
    expect(checkRequest(strict, facts({ ticket: 'ops-42' }))).toEqual({ code: 'unprocessable', field: 'ticket', message: 'The ticket must look like OPS-123.' });
    expect(checkRequest(strict, facts({ ticket: 'OPS-42' }))).toBeNull();
  });

  it('refuses every ticket when the stored pattern is not a valid regular expression (fail closed)', () => {
    const broken = policy({ ticketRequired: true, ticketPattern: '([A-Z' });
    expect(checkRequest(broken, facts({ ticket: '([A-Z' }))).toMatchObject({ code: 'unprocessable', field: 'ticket' });
    expect(checkRequest(broken, facts({ ticket: 'OPS-1' }))).toMatchObject({ code: 'unprocessable', field: 'ticket' });
  });

  it('checks a catastrophic pattern in linear time: ^(a+)+$ and a 28-character ticket do not block the event loop', () => {
    const evil = policy({ ticketRequired: true, ticketPattern: '^(a+)+$' });
    const started = performance.now();
    expect(checkRequest(evil, facts({ ticket: `${'a'.repeat(27)}!` }))).toMatchObject({ field: 'ticket' });
    expect(checkRequest(evil, facts({ ticket: 'a'.repeat(28) }))).toBeNull();
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('ignores the ticket and its pattern when no ticket is required', () => {
    const optional = policy({ ticketRequired: false, ticketPattern: '^OPS-\\d+$' });
    expect(checkRequest(optional, facts())).toBeNull();
    expect(checkRequest(optional, facts({ ticket: 'not-a-ticket' }))).toBeNull();
  });
});

describe('isAutoApproved', () => {
  const auto = policy({ autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 60 });

  it('approves a requester in an auto-approve group up to the limit, inclusive', () => {
    expect(isAutoApproved(auto, { groups: ['engineering'], durationMinutes: 1 })).toBe(true);
    expect(isAutoApproved(auto, { groups: ['engineering'], durationMinutes: 60 })).toBe(true);
    expect(isAutoApproved(auto, { groups: ['engineering'], durationMinutes: 61 })).toBe(false);
  });

  it('does not approve a requester outside the auto-approve groups, eligible or not', () => {
    expect(isAutoApproved(auto, { groups: ['sre'], durationMinutes: 30 })).toBe(false);
    expect(isAutoApproved(auto, { groups: [], durationMinutes: 30 })).toBe(false);
  });

  it('is off without a limit or without groups', () => {
    expect(isAutoApproved(policy({ autoApproveGroups: ['engineering'], autoApproveMaxMinutes: null }), { groups: ['engineering'], durationMinutes: 1 })).toBe(false);
    expect(isAutoApproved(policy({ autoApproveGroups: [], autoApproveMaxMinutes: 60 }), { groups: ['engineering'], durationMinutes: 1 })).toBe(false);
  });

  it('never approves beyond the maximum duration, even under a larger auto-approve limit', () => {
    const loose = policy({ maxDurationMinutes: 30, autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 60 });
    expect(isAutoApproved(loose, { groups: ['engineering'], durationMinutes: 30 })).toBe(true);
    expect(isAutoApproved(loose, { groups: ['engineering'], durationMinutes: 31 })).toBe(false);
  });

  it('counts an extension with the minutes the grant already has', () => {
    expect(isAutoApproved(auto, { groups: ['engineering'], durationMinutes: 20, existingMinutes: 40 })).toBe(true);
    expect(isAutoApproved(auto, { groups: ['engineering'], durationMinutes: 21, existingMinutes: 40 })).toBe(false);
  });
});

describe('eligibilityLostWith (TIMEBOX_REVOKE_ON_GROUP_LOSS)', () => {
  it('is true only when a lost group was eligible and no remaining one is', () => {
    expect(eligibilityLostWith(['engineering', 'sre'], ['sre'], ['platform'])).toBe(true);
    expect(eligibilityLostWith(['engineering', 'sre'], ['sre'], ['engineering'])).toBe(false);
    expect(eligibilityLostWith(['engineering', 'sre'], ['platform'], [])).toBe(false);
    expect(eligibilityLostWith(['engineering'], [], [])).toBe(false);
  });
});
