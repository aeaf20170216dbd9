import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import * as openapiRoute from '@/app/api/openapi.json/route';
import * as docsPage from '@/app/docs/api/route';
import * as docsAsset from '@/app/docs/api/[asset]/route';
import { openApiDocument } from '@/lib/http/contract/openapi';
import { assertMatchesContract } from '@/lib/testing/contract';

// The contract: GET /api/openapi.json is a valid OpenAPI 3.1 document, it names exactly the routes
// under app/api/v1, and /docs/api shows it from files the app serves itself. (Every real response the
// other tests/api files get is checked against it by api-harness's call().)

const v1 = path.join(process.cwd(), 'app/api/v1');

/** `GET /api/v1/grants/{id}` for every method exported by every route.ts under app/api/v1. */
async function routesOnDisk(): Promise<string[]> {
  const files = (await readdir(v1, { recursive: true })).filter((f) => f.endsWith('route.ts'));
  const found: string[] = [];
  for (const file of files) {
    const source = await readFile(path.join(v1, file), 'utf8');
    const route = `/api/v1/${path.dirname(file)}`.replace(/\[(\w+)\]/g, '{$1}');
    for (const [, method] of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${method} ${route}`);
  }
  return found.sort();
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await openapiRoute.GET(new Request('http://test/api/openapi.json'));
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route under app/api/v1 and nothing else', async () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(documented).toEqual(await routesOnDisk());
  });

  it('gives each token route its scope, the bearer scheme and the shared error shape for every refusal', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, { $ref?: string }>; requestBody?: unknown }>>; components: { securitySchemes: unknown } };
    expect(doc.components.securitySchemes).toEqual({ bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    const create = doc.paths['/api/v1/requests']!.post!;
    expect(create.security).toEqual([{ bearerToken: ['requests'] }]);
    expect(Object.keys(create.responses)).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '500', '503']);
    expect(create.responses['422']).toEqual({ $ref: '#/components/responses/E422' });
    expect(create.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['resource', 'role', 'durationMinutes'], additionalProperties: false } } } });
    expect(doc.paths['/api/v1/ssh/krl']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/requests/{id}/approve']!.post!.security).toEqual([{ bearerToken: ['approvals'] }]);
  });
});

describe('the response check that call() runs', () => {
  const error = { error: { code: 'conflict', message: 'Already decided.' } };

  it('accepts a documented error and refuses an undocumented status or a body of another shape', () => {
    expect(() => assertMatchesContract('POST', '/api/v1/requests/0b0b0b0b-0000-4000-8000-000000000000/approve', 409, 'application/json', error)).not.toThrow();
    expect(() => assertMatchesContract('GET', '/api/v1/grants', 409, 'application/json', error)).toThrow(/does not list/);
    expect(() => assertMatchesContract('GET', '/api/v1/grants', 200, 'application/json', { items: [{ id: 'x' }] })).toThrow(/does not match/);
    expect(() => assertMatchesContract('GET', '/api/v1/grants', 200, 'application/json', { items: [], extra: 1 })).toThrow(/does not match/);
    expect(() => assertMatchesContract('DELETE', '/api/v1/grants', 200, 'application/json', {})).toThrow(/not in the OpenAPI document/);
  });
});

describe('/docs/api', () => {
  it('renders the reference with the viewer the app serves, pointed at /api/openapi.json', async () => {
    const page = await docsPage.GET(new Request('http://test/docs/api'));
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    // Every script and stylesheet is the app's own: nothing is fetched from another host.
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toEqual(['/docs/api/swagger-ui.css', '/docs/api/swagger-ui-bundle.js', '/docs/api/init.js']);
    for (const url of urls) {
      const asset = await docsAsset.GET(new Request(`http://test${url}`), { params: Promise.resolve({ asset: url!.split('/').pop()! }) });
      expect(asset.status, url).toBe(200);
    }
    const init = await (await docsAsset.GET(new Request('http://test/docs/api/init.js'), { params: Promise.resolve({ asset: 'init.js' }) })).text();
    expect(init).toContain("url: '/api/openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });

  it('serves no other file', async () => {
    for (const asset of ['package.json', '..%2F..%2Fpackage.json', '../../.env', 'index.html']) {
      const res = await docsAsset.GET(new Request('http://test/docs/api/x'), { params: Promise.resolve({ asset }) });
      expect(res.status, asset).toBe(404);
    }
  });
});
