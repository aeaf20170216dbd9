import { z } from 'zod';
import { portalRoute } from '@/lib/http/portal-route';
import { suggestAuditActors } from '@/lib/services/metrics/filter-options';

export const dynamic = 'force-dynamic';

/** People for the dashboard's actor filter, as the auditor types: at most 20 whose e-mail or name starts with `prefix`. */
export const GET = portalRoute(
  { permission: 'audit.read', query: z.object({ prefix: z.string().trim().min(1, 'type at least one character').max(100) }).strict() },
  async ({ deps, ctx, query }) => ({ people: await suggestAuditActors(deps, ctx, query.prefix) }),
);
