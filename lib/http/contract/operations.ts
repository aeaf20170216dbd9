import { accountOperations } from './account-operations';
import { auditOperations } from './audit-operations';
import { grantOperations } from './grant-operations';
import type { Operation } from './operation';
import { requestOperations } from './request-operations';

export type { Operation, RawResponse } from './operation';
export { checkQuery } from './grant-operations';
export { verifyQuery } from './audit-operations';

// Every /api/v1 operation: the route handlers take their scope and zod schemas from here (apiRoute),
// and GET /api/openapi.json is generated from the same entries. Adding a route means adding it here;
// tests/api/openapi.integration.test.ts fails while a route file and this list disagree.
// The entries live in one file per area (requests, grants, audit, account); this is the whole list.

export const operations = { ...requestOperations, ...grantOperations, ...auditOperations, ...accountOperations } as const;

export type OperationName = keyof typeof operations;
export const allOperations: readonly Operation[] = Object.values(operations) as readonly Operation[];
