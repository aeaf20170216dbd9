import { z } from 'zod';
import { openAuditExport } from '@/lib/audit/audit-service';
import { auditFilterShape } from '@/lib/audit/filters';
import { getCurrentActor } from '@/lib/auth/current-actor';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/api-auth';
import { queryObject } from '@/lib/http/api-body';
import { toErrorBody } from '@/lib/http/to-error-body';
import { getServiceDeps } from '@/lib/services/runtime';

export const dynamic = 'force-dynamic';

// The dashboard's "Export CSV / NDJSON": the same export as GET /api/v1/audit/export, authenticated by
// the browser's session instead of a bearer token. The service checks the actor (auditors and admins)
// and records the export; the body is the service's stream, passed through, never buffered here.

const exportQuery = z
  .object({ ...auditFilterShape, format: z.enum(['csv', 'ndjson'], { message: 'must be csv or ndjson' }).default('csv') })
  .strict();

const noStore = { 'Cache-Control': 'no-store' };

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getCurrentActor();
    if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
    const { format, ...filters } = exportQuery.parse(queryObject(new URL(request.url)));
    const ctx: ActorContext = { actor, via: 'web', ip: clientIp(request.headers), userAgent: request.headers.get('user-agent') };
    const { stream, filename, contentType } = await openAuditExport(await getServiceDeps(), ctx, { filters, format });
    return new Response(stream, {
      headers: {
        ...noStore,
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="${filename}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return Response.json(body, { status, headers: noStore });
  }
}
