import type { Policy } from '@/lib/db/generated/client';
import { pickPolicyFields } from '@/lib/domain/admin-input';
import type { PolicyRules } from '@/lib/domain/policy';

/** The rules of a stored policy (none: nobody may ask). At least one approval, whatever an old row says. */
export function policyRules(policy: Policy | null): PolicyRules | null {
  if (!policy) return null;
  const rules = pickPolicyFields(policy);
  return { ...rules, requiredApprovals: Math.max(1, rules.requiredApprovals) };
}
