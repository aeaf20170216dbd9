import { verifyAuditTrail } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';

export const dynamic = 'force-dynamic';

/** Seals what is committed, then walks the hash chain: `{ ok, checked, … }` (200 either way: a broken chain is a finding, not an error). */
export const GET = apiRoute(operations.verifyAudit, async ({ deps, ctx, query }) => verifyAuditTrail(deps, ctx, { anchor: query.anchor }));
