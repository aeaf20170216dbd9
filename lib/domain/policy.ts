import type { PolicyInput } from './admin-input';
import { ticketMatches } from './ticket-pattern';

// Policy evaluation: pure, no I/O. A missing policy or an empty eligible list denies (fail closed).

/** What normal-request evaluation reads: every field of a policy as admins write it (admin-input.ts), but break-glass (break-glass.ts). */
export type PolicyRules = Omit<PolicyInput, 'breakGlassAllowed' | 'breakGlassMaxMinutes' | 'breakGlassGroups' | 'slackChannelEnv'>;

export interface RequestFacts {
  groups: readonly string[];
  durationMinutes: number;
  justification: string;
  ticket?: string | undefined;
  /** For extensions: minutes the grant already has (start → current end). */
  existingMinutes?: number;
}

export type PolicyViolation =
  | { code: 'forbidden'; field?: undefined; message: string }
  | { code: 'unprocessable'; field: 'durationMinutes' | 'justification' | 'ticket' | 'minutes'; message: string };

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((g) => b.includes(g));

export function isEligible(policy: PolicyRules | null, groups: readonly string[]): boolean {
  return policy !== null && overlaps(groups, policy.eligibleGroups);
}

/**
 * TIMEBOX_REVOKE_ON_GROUP_LOSS: a live grant ends when the groups just lost were what made its holder
 * eligible — one of them is eligible, and none of the groups still held is.
 */
export function eligibilityLostWith(eligibleGroups: readonly string[], lost: readonly string[], remaining: readonly string[]): boolean {
  return overlaps(lost, eligibleGroups) && !overlaps(remaining, eligibleGroups);
}

export function isApproverFor(policy: PolicyRules | null, groups: readonly string[]): boolean {
  return policy !== null && overlaps(groups, policy.approverGroups);
}

/** The rules a request's inputs are checked against: what the request form knows of a policy too. */
export type FieldRules = Pick<PolicyRules, 'maxDurationMinutes' | 'justificationRequired' | 'justificationMinLength' | 'ticketRequired' | 'ticketPattern' | 'ticketExample'>;

type FieldViolation = Extract<PolicyViolation, { code: 'unprocessable' }>;

/**
 * Every check a request (or an extension) fails, so a form can flag all its inputs at once. Not being
 * eligible is the only violation then: nothing else about the request matters.
 */
export function checkRequestAll(policy: PolicyRules | null, facts: RequestFacts): PolicyViolation[] {
  if (!policy || !isEligible(policy, facts.groups)) {
    return [{ code: 'forbidden', message: 'You are not eligible to request this role.' }];
  }
  return checkRequestFields(policy, facts);
}

/** The per-input checks (duration, justification, ticket), in the order the form shows them. */
export function checkRequestFields(policy: FieldRules, facts: Omit<RequestFacts, 'groups'>): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const total = (facts.existingMinutes ?? 0) + facts.durationMinutes;
  if (total > policy.maxDurationMinutes) {
    const field = facts.existingMinutes === undefined ? 'durationMinutes' : 'minutes';
    const message =
      facts.existingMinutes === undefined
        ? `The longest allowed duration is ${policy.maxDurationMinutes} minutes.`
        : `The longest allowed duration is ${policy.maxDurationMinutes} minutes in all; this grant already has ${facts.existingMinutes}.`;
    violations.push({ code: 'unprocessable', field, message });
  }
  if (policy.justificationRequired) {
    const length = [...facts.justification.trim()].length; // characters as people count them, not UTF-16 units
    if (length === 0) violations.push({ code: 'unprocessable', field: 'justification', message: `${justificationRule(policy)}.` });
    else if (length < policy.justificationMinLength) {
      violations.push({ code: 'unprocessable', field: 'justification', message: `${justificationRule(policy)} (${length} so far).` });
    }
  }
  if (policy.ticketRequired) {
    if (!facts.ticket) violations.push({ code: 'unprocessable', field: 'ticket', message: 'A ticket is required.' });
    else if (policy.ticketPattern && !ticketMatches(policy.ticketPattern, facts.ticket)) {
      violations.push({ code: 'unprocessable', field: 'ticket', message: `${ticketFormat(policy)}.` });
    }
  }
  return violations;
}

/** The justification rule in words, the same before submitting (a hint) and after (an error). */
export function justificationRule(policy: Pick<FieldRules, 'justificationMinLength'>): string {
  const min = Math.max(1, policy.justificationMinLength);
  return min <= 1 ? 'A justification is required' : `A justification of at least ${min} characters is required`;
}

/**
 * How a ticket must look, in requesters' words: the policy's example when it has one (the pattern is
 * for admins), else the pattern itself.
 */
export function ticketFormat(policy: Pick<FieldRules, 'ticketPattern' | 'ticketExample'>): string {
  if (policy.ticketExample) return `The ticket must look like ${policy.ticketExample}`;
  return policy.ticketPattern ? `The ticket must match ${policy.ticketPattern}` : 'A ticket is required';
}

/** Auto-approval: requester in a listed group and the whole duration within the limit. */
export function isAutoApproved(policy: PolicyRules, facts: Pick<RequestFacts, 'groups' | 'durationMinutes' | 'existingMinutes'>): boolean {
  if (policy.autoApproveMaxMinutes === null || policy.autoApproveGroups.length === 0) return false;
  const total = (facts.existingMinutes ?? 0) + facts.durationMinutes;
  return overlaps(facts.groups, policy.autoApproveGroups) && total <= policy.autoApproveMaxMinutes && total <= policy.maxDurationMinutes;
}
