import { apiRoute } from '@/lib/http/api-handler';
import { auditExportResponse } from '@/lib/http/audit-export';
import { operations } from '@/lib/http/contract/operations';

export const dynamic = 'force-dynamic';

/** The whole filtered trail, streamed as a CSV or NDJSON attachment, oldest first. */
export const GET = apiRoute(operations.exportAudit, ({ deps, ctx, query }) => auditExportResponse(deps, ctx, query));
