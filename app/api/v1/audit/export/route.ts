import { z } from 'zod';
import { openAuditExport } from '@/lib/audit/audit-service';
import { auditFilterShape } from '@/lib/audit/filters';
import { apiRoute, type RouteContext } from '@/lib/http/api-handler';

export const dynamic = 'force-dynamic';

const exportQuery = z
  .object({ ...auditFilterShape, format: z.enum(['csv', 'ndjson'], { message: 'must be csv or ndjson' }).default('csv') })
  .strict();

// apiRoute answers with JSON; an export is a stream. The wrapper still does everything before the
// first byte (token, scope, query parsing, the service's checks, error mapping): the handler parks the
// streaming Response here and the route returns it in place of the wrapper's JSON placeholder.
const streams = new WeakMap<Request, Response>();

const guarded = apiRoute({ scope: 'audit', query: exportQuery }, async ({ deps, ctx, query, request }) => {
  const { format, ...filters } = query;
  const { stream, filename, contentType } = await openAuditExport(deps, ctx, { filters, format });
  streams.set(
    request,
    new Response(stream, {
      headers: {
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    }),
  );
  return null;
});

/** The whole filtered trail, streamed as a CSV (RFC 4180, formulas neutralised) or NDJSON attachment, oldest first. */
export async function GET(request: Request, context?: RouteContext): Promise<Response> {
  const response = await guarded(request, context);
  const streamed = streams.get(request);
  streams.delete(request);
  if (streamed && response.ok) return streamed;
  await streamed?.body?.cancel();
  return response;
}
