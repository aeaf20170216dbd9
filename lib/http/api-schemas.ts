import { z } from 'zod';
import type { GrantStatus, RequestStatus } from '@/lib/domain/grant-status';

// Small schemas the /api/v1 routes share. Route-specific ones live in their route files.

/** `{ id }` path param. A malformed id reads as "no such <what>" (404), like another user's id. */
export const idParams = (what: string) => z.object({ id: z.uuid({ message: `No such ${what}.` }) }).strict();

/** `?flag=true|false` (absent: false). Anything else is a 400, not a silent false. */
export const queryFlag = z.enum(['true', 'false'], { message: 'must be true or false' }).optional().transform((v) => v === 'true');

export const queryLimit = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional();

export const requestStatusQuery = z.enum(['pending', 'approved', 'denied', 'cancelled', 'expired'] satisfies RequestStatus[], { message: 'must be pending, approved, denied, cancelled or expired' }).optional();

export const grantStatusQuery = z.enum(['scheduled', 'provisioning', 'active', 'revoking', 'expired', 'revoked', 'failed'] satisfies GrantStatus[], { message: 'must be scheduled, provisioning, active, revoking, expired, revoked or failed' }).optional();
