import { z } from 'zod';
import { openAuditExport } from '@/lib/audit/audit-service';
import { auditFilterShape, checkTimeRange } from '@/lib/audit/filters';
import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '@/lib/services/deps';

// The audit export has two doors — GET /api/v1/audit/export (bearer token) and the dashboard's
// /api/portal/audit/export (session) — and one query and one response, defined here.

/** The trail's filters plus the file format. */
export const auditExportQuery = z
  .object({ ...auditFilterShape, format: z.enum(['csv', 'ndjson'], { message: 'must be csv or ndjson' }).default('csv') })
  .strict()
  .superRefine(checkTimeRange);

/**
 * The whole filtered trail as a CSV (RFC 4180, formulas neutralised) or NDJSON attachment, oldest first.
 * The service checks the actor (auditors and admins) and records the export before the first byte;
 * the body is its stream, passed through, never buffered here.
 */
export async function auditExportResponse(deps: ServiceDeps, ctx: ActorContext, query: z.output<typeof auditExportQuery>): Promise<Response> {
  const { format, ...filters } = query;
  const { stream, filename, contentType } = await openAuditExport(deps, ctx, { filters, format });
  return new Response(stream, {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
