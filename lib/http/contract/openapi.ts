import { z } from 'zod';
import { tokenScopes } from '@/lib/domain/scopes';
import { operations, type Operation, type RawResponse } from './operations';
import { errorBody } from './responses';

// GET /api/openapi.json: an OpenAPI 3.1 document built from lib/http/contract/operations.ts — the
// scopes and zod schemas the route handlers themselves parse with — never a hand-written copy.

type Json = Record<string, unknown>;

const statusText: Record<number, string> = {
  400: 'The input is invalid: `fields` names every problem.',
  401: 'No token, or the token is unknown, expired or revoked.',
  403: 'The token lacks the scope, or its user the right.',
  404: 'No such thing, or not one the token’s user may see.',
  409: 'The thing is no longer in a state that allows this.',
  413: 'The body is larger than 64 KiB.',
  415: 'The body is not JSON.',
  422: 'The policy or the target refuses it: `fields` says why.',
  429: 'Too many bad tokens from this address: `Retry-After` says when to try again.',
  500: 'An unexpected error, logged: `requestId` finds the log line.',
  503: 'The database or a dependency (a target, the SSH CA) is unavailable: `Retry-After` when it is the database.',
};

const isRaw = (response: Operation['response']): response is RawResponse => !(response instanceof z.ZodType);

/**
 * One zod schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses). Dates (z.coerce.date inputs) read as
 * date-time strings; schemas with a meta id become shared components, collected into `components`.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema: js }) => {
      if (zodSchema._zod.def.type === 'date') Object.assign(js, { type: 'string', format: 'date-time' });
    },
  }) as Json;
  const { $schema: _, $defs, ...rest } = out;
  void _;
  for (const [id, def] of Object.entries(($defs as Json | undefined) ?? {})) components[id] = relink(def);
  return relink(rest) as Json;
}

/** `#/$defs/X` → `#/components/schemas/X`, everywhere in the value. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v)]));
  }
  return value;
}

/** The refusals a call can meet: those that follow from its spec, plus those its service makes. */
export function errorStatuses(operation: Operation): number[] {
  const statuses = new Set(operation.errors ?? []);
  // Every call can meet a database outage (503 with Retry-After); a token-checked one, the bad-token limit (429).
  statuses.add(503);
  if (operation.scope) [401, 403, 429, 500].forEach((s) => statuses.add(s));
  if (operation.query || operation.body) statuses.add(400);
  if (operation.params) statuses.add(404);
  if (operation.body) [413, 415].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

function parameters(operation: Operation, components: Json): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [['path', operation.params], ['query', operation.query]] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input', components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({ name, in: where, required: where === 'path' || (object.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  return list;
}

function successResponse(operation: Operation, components: Json): Json {
  const { response } = operation;
  if (isRaw(response)) return { description: response.description, content: { [response.contentType]: { schema: response.binary ? { type: 'string', contentMediaType: response.contentType } : { type: 'string' } } } };
  return { description: 'Done.', content: { 'application/json': { schema: jsonSchema(response, 'output', components) } } };
}

function operationObject(operation: Operation, components: Json): Json {
  const responses: Json = { [String(operation.status ?? 200)]: successResponse(operation, components) };
  for (const status of errorStatuses(operation)) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
  const scopeNote = operation.scope === 'any' ? 'Any valid token, whatever its scopes.' : operation.scope ? `Scope: \`${operation.scope}\` (${tokenScopes[operation.scope]}).` : 'Public: no token.';
  return {
    operationId: operationName(operation),
    summary: operation.summary,
    description: [operation.description, scopeNote].filter(Boolean).join('\n\n'),
    tags: [operation.tag],
    security: operation.scope ? [{ bearerToken: operation.scope === 'any' ? [] : [operation.scope] }] : [],
    ...(operation.scope ? { 'x-timebox-scope': operation.scope } : {}),
    parameters: parameters(operation, components),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(operation.body, 'input', components) } } } } : {}),
    responses,
  };
}

const allOperations = Object.entries(operations as Record<string, Operation>);
const operationName = (operation: Operation) => allOperations.find(([, o]) => o === operation)![0];

let cached: Json | null = null;

/** The document; built once per process (the operations are fixed at build time). */
export function openApiDocument(): Json {
  if (cached) return cached;
  const schemas: Json = {};
  const paths: Record<string, Json> = {};
  for (const [, operation] of allOperations) (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(operation, schemas);
  const errorSchema = jsonSchema(errorBody, 'output', schemas);
  const responses = Object.fromEntries(
    Object.entries(statusText).map(([status, description]) => [`E${status}`, { description, content: { 'application/json': { schema: errorSchema } } }]),
  );
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Timebox API',
      version: 'v1',
      description:
        'Just-in-time access: request a role for a while, approve, use and revoke it. Authenticate with an API token (`Authorization: Bearer tbx_…`) created under Settings → API tokens; each token carries scopes that narrow what its user may do. Every error answers `{"error":{"code","message"}}`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(allOperations.map(([, o]) => o.tag))].map((name) => ({ name })),
    security: [{ bearerToken: [] }],
    paths,
    components: {
      securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: `An API token. Scopes: ${Object.entries(tokenScopes).map(([s, d]) => `\`${s}\` ${d}`).join('; ')}.` } },
      schemas,
      responses,
    },
  };
  return cached;
}
