import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const dynamic = 'force-dynamic';

// The viewer's files, from the installed swagger-ui-dist package: a fixed list, so no request can
// name any other file. init.js is ours: it points the viewer at /api/openapi.json.
const files: Record<string, string> = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'text/javascript; charset=utf-8' };

const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
});
`;

export async function GET(_request: Request, context: { params: Promise<{ asset: string }> }): Promise<Response> {
  const { asset } = await context.params;
  const headers = { 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' };
  if (asset === 'init.js') return new Response(init, { headers: { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' } });
  const type = Object.hasOwn(files, asset) ? files[asset] : undefined;
  if (!type) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const body = await readFile(path.join(process.cwd(), 'node_modules', 'swagger-ui-dist', asset));
  return new Response(new Uint8Array(body), { headers: { ...headers, 'Content-Type': type } });
}
