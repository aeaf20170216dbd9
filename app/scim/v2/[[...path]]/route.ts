import { handleScim } from '@/lib/http/scim-route';
import { getServiceDeps } from '@/lib/services/runtime';

// SCIM 2.0 for the company's IdP (Okta, Entra ID): see lib/http/scim-route.ts and docs/identity.md.
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path?: string[] }> };

async function handle(request: Request, context: Context): Promise<Response> {
  const { path } = await context.params;
  return handleScim(await getServiceDeps(), request, path ?? []);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
