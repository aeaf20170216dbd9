import { auditExportQuery, auditExportResponse } from '@/lib/http/audit-export';
import { portalRoute } from '@/lib/http/portal-route';

export const dynamic = 'force-dynamic';

// The dashboard's "Export CSV / NDJSON": the same export as GET /api/v1/audit/export, authenticated by
// the browser's session instead of a bearer token. The service decides who may export (and says why not).
export const GET = portalRoute({ permission: null, query: auditExportQuery }, ({ deps, ctx, query }) => auditExportResponse(deps, ctx, query));
