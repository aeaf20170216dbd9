import type { PolicyInput } from './admin-input';

// Policy evaluation: pure, no I/O. A missing policy or an empty eligible list denies (fail closed).

/** What policy evaluation reads: every field of a policy as admins write it (admin-input.ts), but the break-glass switch. */
export type PolicyRules = Omit<PolicyInput, 'breakGlassAllowed'>;

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

export function isApproverFor(policy: PolicyRules | null, groups: readonly string[]): boolean {
  return policy !== null && overlaps(groups, policy.approverGroups);
}

/** The checks a request (or an extension) must pass before it exists at all. */
export function checkRequest(policy: PolicyRules | null, facts: RequestFacts): PolicyViolation | null {
  if (!policy || !isEligible(policy, facts.groups)) {
    return { code: 'forbidden', message: 'You are not eligible to request this role.' };
  }
  const total = (facts.existingMinutes ?? 0) + facts.durationMinutes;
  if (total > policy.maxDurationMinutes) {
    const field = facts.existingMinutes === undefined ? 'durationMinutes' : 'minutes';
    const message =
      facts.existingMinutes === undefined
        ? `The longest allowed duration is ${policy.maxDurationMinutes} minutes.`
        : `The longest allowed duration is ${policy.maxDurationMinutes} minutes in all; this grant already has ${facts.existingMinutes}.`;
    return { code: 'unprocessable', field, message };
  }
  if (policy.justificationRequired && facts.justification.trim().length === 0) {
    return { code: 'unprocessable', field: 'justification', message: 'A justification is required.' };
  }
  if (policy.ticketRequired) {
    if (!facts.ticket) return { code: 'unprocessable', field: 'ticket', message: 'A ticket is required.' };
    if (policy.ticketPattern && !safeRegExp(policy.ticketPattern).test(facts.ticket)) {
      return { code: 'unprocessable', field: 'ticket', message: `The ticket must match ${policy.ticketPattern}.` };
    }
  }
  return null;
}

/** Auto-approval: requester in a listed group and the whole duration within the limit. */
export function isAutoApproved(policy: PolicyRules, facts: Pick<RequestFacts, 'groups' | 'durationMinutes' | 'existingMinutes'>): boolean {
  if (policy.autoApproveMaxMinutes === null || policy.autoApproveGroups.length === 0) return false;
  const total = (facts.existingMinutes ?? 0) + facts.durationMinutes;
  return overlaps(facts.groups, policy.autoApproveGroups) && total <= policy.autoApproveMaxMinutes && total <= policy.maxDurationMinutes;
}

function safeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /(?!)/; // an invalid stored pattern matches nothing: fail closed
  }
}

export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
