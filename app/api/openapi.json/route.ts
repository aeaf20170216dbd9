import { openApiDocument } from '@/lib/http/contract/openapi';
import { jsonReply } from '@/lib/http/reply';
import { requestIdOf } from '@/lib/http/request-context';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of /api/v1, generated from the routes' own schemas. Public: it holds no data. */
export function GET(request: Request): Response {
  return jsonReply(200, openApiDocument(), requestIdOf(request.headers));
}
