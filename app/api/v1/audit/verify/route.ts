import { z } from 'zod';
import { verifyAuditTrail } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';

export const dynamic = 'force-dynamic';

/** `anchor=<chainIndex>:<hash>`: a head written down earlier, which must still be in the chain. */
const verifyQuery = z
  .object({
    anchor: z
      .string()
      .regex(/^\d{1,19}:[0-9a-f]{64}$/, 'must be <chainIndex>:<hash> as a previous verify reported it')
      .transform((v) => ({ chainIndex: BigInt(v.split(':')[0]!), hash: v.split(':')[1]! }))
      .optional(),
  })
  .strict();

/** Seals what is committed, then walks the hash chain: `{ ok, checked, … }` (200 either way: a broken chain is a finding, not an error). */
export const GET = apiRoute({ scope: 'audit', query: verifyQuery }, async ({ deps, ctx, query }) => verifyAuditTrail(deps, ctx, { anchor: query.anchor }));
