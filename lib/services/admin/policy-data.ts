import { pickPolicyFields } from '@/lib/domain/admin-input';
import type { PolicyView } from './admin-views';

/** The policy columns an admin sets, in the order the schema lists them (also the audit record and the view). */
export const policyData = (p: PolicyView) => pickPolicyFields(p);
