import { serviceProviderConfig, resourceTypes, schemas } from '@/lib/scim/discovery';
import { parsePaging } from '@/lib/scim/filter';
import { parsePatch } from '@/lib/scim/patch';
import { listResponse } from '@/lib/scim/resources';
import { ScimError, scimErrorBody } from '@/lib/scim/scim-error';
import { isAppError } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ServiceDeps } from '@/lib/services/deps';
import { authenticateScimToken } from '@/lib/services/scim/scim-token';
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from '@/lib/services/scim/scim-groups';
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser } from '@/lib/services/scim/scim-users';
import { bearerCredential } from './api-auth';
import { HttpError } from './api-errors';
import { readBodyText } from './api-body';
import { addressKey, rateLimitsFor } from './rate-limit';
import { clientIp } from './client-address';

// /scim/v2 (RFC 7644): one dispatcher for every method and path, so authentication and the SCIM error
// format are applied once. Answers are application/scim+json; errors never carry a stack trace.
const SCIM_JSON = 'application/scim+json';
const MAX_SCIM_BODY = 1024 * 1024; // a large group's full member list fits

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': SCIM_JSON, 'cache-control': 'no-store', ...headers } });
const scimError = (status: number, detail: string, scimType?: ScimError['scimType']) => reply(status, scimErrorBody(status, detail, scimType));
const tooMany = (retryAfterSeconds: number) =>
  reply(429, scimErrorBody(429, 'Too many bad SCIM tokens from your address. Try again later.'), { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_SCIM_BODY);
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax');
  }
}

async function dispatch(deps: ServiceDeps, request: Request, segments: readonly string[], base: string): Promise<Response> {
  const method = request.method;
  const params = new URL(request.url).searchParams;
  const [collection, id, ...rest] = segments;
  if (rest.length) throw new ScimError(404, 'No such endpoint.');
  const only = (allowed: string) => {
    if (method !== allowed) throw new ScimError(405, `${method} is not supported here.`);
  };

  if (collection === 'ServiceProviderConfig' && !id) return only('GET'), reply(200, serviceProviderConfig(base));
  if (collection === 'ResourceTypes') {
    only('GET');
    const types = resourceTypes(base);
    if (!id) return reply(200, listResponse(types, types.length, 1));
    const type = types.find((t) => t.id === id);
    if (!type) throw new ScimError(404, `No resource type ${id}.`);
    return reply(200, type);
  }
  if (collection === 'Schemas') {
    only('GET');
    const all = schemas(base);
    if (!id) return reply(200, listResponse(all, all.length, 1));
    const schema = all.find((s) => s.id === id);
    if (!schema) throw new ScimError(404, `No schema ${id}.`);
    return reply(200, schema);
  }
  if (collection === 'Users') {
    if (!id && method === 'GET') return reply(200, await listScimUsers(deps, base, params, parsePaging(params)));
    if (!id && method === 'POST') return reply(201, await createScimUser(deps, base, await readJson(request)));
    if (id && method === 'GET') return reply(200, await getScimUser(deps, base, id));
    if (id && method === 'PUT') return reply(200, await replaceScimUser(deps, base, id, await readJson(request)));
    if (id && method === 'PATCH') return reply(200, await patchScimUser(deps, base, id, parsePatch(await readJson(request))));
    if (id && method === 'DELETE') return await deleteScimUser(deps, id), reply(204, null);
    throw new ScimError(405, `${method} is not supported here.`);
  }
  if (collection === 'Groups') {
    if (!id && method === 'GET') return reply(200, await listScimGroups(deps, base, params, parsePaging(params)));
    if (!id && method === 'POST') return reply(201, await createScimGroup(deps, base, await readJson(request)));
    if (id && method === 'GET') return reply(200, await getScimGroup(deps, base, id, params));
    if (id && method === 'PUT') return reply(200, await replaceScimGroup(deps, base, id, await readJson(request)));
    if (id && method === 'PATCH') return reply(200, await patchScimGroup(deps, base, id, parsePatch(await readJson(request))));
    if (id && method === 'DELETE') return await deleteScimGroup(deps, id), reply(204, null);
    throw new ScimError(405, `${method} is not supported here.`);
  }
  throw new ScimError(404, 'No such endpoint.');
}

/** Handles one SCIM request: bearer token first (nothing is read for a caller without it), then the endpoint. */
export async function handleScim(deps: ServiceDeps, request: Request, segments: readonly string[]): Promise<Response> {
  const base = `${new URL(request.url).origin}/scim/v2`;
  try {
    // Guessing the token is what an attacker would do: an address that sent too many bad ones is refused
    // (429, SCIM's error format, Retry-After) before the token is looked up — the same limiter as /api/v1.
    const meta = { ip: clientIp(request.headers), userAgent: request.headers.get('user-agent') };
    const limits = rateLimitsFor(deps.db);
    const address = addressKey(meta.ip);
    await limits.assertAllowed('badToken', address);
    const secret = bearerCredential(request.headers);
    if (!secret || !(await authenticateScimToken(deps, secret))) {
      const counted = await limits.hit('badToken', address, { ip: meta.ip, userAgent: meta.userAgent, actorLabel: 'anonymous (SCIM)' });
      if (counted.limited) return tooMany(counted.retryAfterSeconds);
      return scimError(401, 'Send the SCIM token created at /admin/scim: Authorization: Bearer <token>.');
    }
    return await dispatch(deps, request, segments, base);
  } catch (error) {
    if (isAppError(error) && error.code === 'rate_limited') return tooMany(Number(error.details?.retryAfterSeconds ?? 60));
    if (error instanceof ScimError) return scimError(error.status, error.message, error.scimType);
    if (error instanceof HttpError) return scimError(error.status, error.message);
    if (isAppError(error)) return scimError(error.status, error.message);
    log.error({ err: error, method: request.method, path: segments.join('/') }, 'SCIM request failed');
    return scimError(500, 'Timebox could not process this SCIM request; the server log has the detail.');
  }
}
