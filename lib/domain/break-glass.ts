import { z } from 'zod';
import type { PolicyInput } from './admin-input';
import { checkRequestFields, isEligible, type PolicyViolation } from './policy';

// Break-glass: emergency access granted at once, without approval, reviewed afterwards. Pure rules, no I/O.

/** A justification reviewers can judge later: a few words, not "x". */
export const BREAK_GLASS_JUSTIFICATION_MIN = 20;
/** Break-glass grants per user in 24 hours before further ones are refused (TIMEBOX_BREAK_GLASS_PER_DAY). */
export const BREAK_GLASS_PER_DAY_DEFAULT = 3;
/** Hours after which an unreviewed break-glass grant counts as overdue (TIMEBOX_BREAK_GLASS_REVIEW_HOURS). */
export const BREAK_GLASS_REVIEW_HOURS_DEFAULT = 72;

export const reviewOutcomes = ['justified', 'not_justified'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];
export const reviewOutcomeLabels: Record<ReviewOutcome, string> = { justified: 'Reviewed: justified', not_justified: 'Reviewed: not justified' };

export type BreakGlassPolicy = PolicyInput;

export interface BreakGlassFacts {
  groups: readonly string[];
  durationMinutes: number;
  justification: string;
  ticket?: string | undefined;
}

/** The longest a break-glass grant may last: its own maximum, never beyond the role's longest duration. */
export const breakGlassLimit = (policy: Pick<PolicyInput, 'breakGlassMaxMinutes' | 'maxDurationMinutes'>) => Math.min(policy.breakGlassMaxMinutes, policy.maxDurationMinutes);

/** Whether this person may break glass on the role: switched on, eligible, and in the break-glass groups (if narrowed). */
export function mayBreakGlass(policy: BreakGlassPolicy | null, groups: readonly string[]): boolean {
  if (!policy || !policy.breakGlassAllowed || !isEligible(policy, groups)) return false;
  return policy.breakGlassGroups.length === 0 || policy.breakGlassGroups.some((g) => groups.includes(g));
}

/**
 * Every check a break-glass request fails. Eligibility comes first and is never bypassed; then the
 * switch and the narrower list (403s with a message saying which); then every input at once (422s).
 */
export function checkBreakGlassAll(policy: BreakGlassPolicy | null, facts: BreakGlassFacts): PolicyViolation[] {
  if (!policy || !isEligible(policy, facts.groups)) return [{ code: 'forbidden', message: 'You are not eligible to request this role.' }];
  if (!policy.breakGlassAllowed) return [{ code: 'forbidden', message: 'Break-glass is not allowed for this role: ask for access normally.' }];
  if (!mayBreakGlass(policy, facts.groups)) {
    return [{ code: 'forbidden', message: `Only members of ${policy.breakGlassGroups.join(', ')} may break glass on this role: ask for access normally.` }];
  }
  const limit = breakGlassLimit(policy);
  // The ticket rule is the normal one; duration and justification are break-glass's own (stricter) rules.
  const ticket = checkRequestFields({ ...policy, maxDurationMinutes: Number.MAX_SAFE_INTEGER, justificationRequired: false }, facts);
  const violations: PolicyViolation[] = [];
  if (facts.durationMinutes > limit) violations.push({ code: 'unprocessable', field: 'durationMinutes', message: `Break-glass access lasts at most ${limit} minutes.` });
  if (facts.justification.trim().length < BREAK_GLASS_JUSTIFICATION_MIN) {
    violations.push({ code: 'unprocessable', field: 'justification', message: `Break-glass needs a justification of at least ${BREAK_GLASS_JUSTIFICATION_MIN} characters: say what is broken.` });
  }
  return [...violations, ...ticket];
}

/** An unreviewed break-glass grant older than this many hours is overdue. */
export const isReviewOverdue = (createdAt: Date, now: Date, overdueHours: number) => now.getTime() - createdAt.getTime() > overdueHours * 3_600_000;

/** The body of a review (POST /api/v1/reviews/{grantId} and the review form). A comment is required for "not_justified" (checked by the service, which REST and forms share). */
export const reviewInput = z
  .object({
    outcome: z.enum(reviewOutcomes, { message: 'outcome must be "justified" or "not_justified"' }),
    comment: z.string().trim().max(2_000, 'Keep the comment under 2,000 characters').optional().transform((v) => (v ? v : undefined)),
  })
  .strict();
