import { loadActor } from '@/lib/auth/load-actor';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import type { TokenScope } from '@/lib/domain/scopes';
import type { ServiceDeps } from '@/lib/services/deps';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import type { RouteContext } from '@/lib/http/api-handler';
import { assertMatchesContract } from './contract';
import { createTestDatabase, type TestDatabase } from './test-db';

// In-process harness for /api/v1 integration tests: a fresh migrated database with the demo
// organisation, the real route handlers, and a clock the test moves. Nothing is mocked.

export type Handler = (request: Request, context?: RouteContext) => Promise<Response>;

export interface ApiHarness {
  database: TestDatabase;
  deps: ServiceDeps;
  clock: ReturnType<typeof manualClock>;
  ctxOf(email: string): Promise<ActorContext>;
  /** Creates a token for the user through the service and returns its secret. */
  token(email: string, scopes: TokenScope[], expiresInDays?: number): Promise<string>;
  close(): Promise<void>;
}

/** Policies the tests rely on, created here so they do not depend on the demo seed's later additions. */
async function createTestPolicies(db: TestDatabase['db']) {
  await db.resource.create({
    data: {
      slug: 'api-test-flags',
      name: 'API test flags',
      kind: 'portal',
      entitlements: {
        create: {
          role: 'admin',
          description: 'auto-approved for engineering up to 60 minutes',
          policy: {
            create: {
              eligibleGroups: ['engineering'],
              approverGroups: ['sre-leads'],
              requiredApprovals: 1,
              maxDurationMinutes: 120,
              justificationRequired: false,
              autoApproveGroups: ['engineering'],
              autoApproveMaxMinutes: 60,
            },
          },
        },
      },
    },
  });
}

export async function createApiHarness(): Promise<ApiHarness> {
  const database = await createTestDatabase('demo');
  await createTestPolicies(database.db);
  const clock = manualClock('2026-03-02T10:00:00Z');
  const deps: ServiceDeps = { db: database.db, clock, connectors: defaultConnectors() };
  overrideServiceDeps(deps);

  const ctxOf = async (email: string): Promise<ActorContext> => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email } });
    const actor = await loadActor(database.db, user.id);
    if (!actor) throw new Error(`${email} is disabled`);
    return { actor, via: 'web', ip: null, userAgent: 'vitest' };
  };
  return {
    database,
    deps,
    clock,
    ctxOf,
    token: async (email, scopes, expiresInDays) => (await createApiToken(deps, await ctxOf(email), { name: `${email} ${scopes.join('+')}`, scopes, expiresInDays })).secret,
    close: async () => {
      overrideServiceDeps(null);
      await database.close();
    },
  };
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  token?: string | null;
  /** An object is sent as JSON; a string or bytes as-is. */
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary JSON
  json: any;
}

/** Calls an exported route handler the way Next.js would, and checks the answer against the OpenAPI document. */
export async function call(handler: Handler, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let body: BodyInit | undefined;
  if (typeof options.body === 'string' || options.body instanceof Uint8Array) {
    body = options.body as BodyInit;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(`http://test${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  assertMatchesContract(request.method, new URL(request.url).pathname, response.status, response.headers.get('content-type'), json);
  return { status: response.status, headers: response.headers, json };
}
