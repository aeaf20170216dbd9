'use server';

import { z } from 'zod';
import { verifyAuditTrail } from '@/lib/audit/audit-service';
import { authedAction } from '@/lib/http/server-action';

// "Verify the trail": walks the whole hash chain, so it runs when an auditor asks, never on page load.
export const verifyTrail = authedAction('verifyTrail', z.object({}).strict(), (deps, ctx) => verifyAuditTrail(deps, ctx));
