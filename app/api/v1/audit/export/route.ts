import { apiRoute } from '@/lib/http/api-handler';
import { auditExportQuery, auditExportResponse } from '@/lib/http/audit-export';

export const dynamic = 'force-dynamic';

/** The whole filtered trail, streamed as a CSV or NDJSON attachment, oldest first. */
export const GET = apiRoute({ scope: 'audit', query: auditExportQuery }, ({ deps, ctx, query }) => auditExportResponse(deps, ctx, query));
