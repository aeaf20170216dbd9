import { tagged } from '@/lib/http/reply';
import { requestIdOf } from '@/lib/http/request-context';

export const dynamic = 'force-dynamic';

// The API reference: Swagger UI (npm swagger-ui-dist, served from this app by ./[asset]) rendering
// /api/openapi.json. Nothing loads from elsewhere: the validator badge, which would call an outside
// service, is off (see init.js). Public, like the document it shows.
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Timebox API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/api/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/api/swagger-ui-bundle.js"></script>
<script src="/docs/api/init.js"></script>
</body>
</html>
`;

export function GET(request: Request): Response {
  return tagged(new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } }), requestIdOf(request.headers));
}
