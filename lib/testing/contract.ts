import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { openApiDocument } from '@/lib/http/contract/openapi';

// Checks a real response against GET /api/openapi.json: the status must be one the document lists for
// that method and path, and a JSON body must match its schema. api-harness's call() runs it on every
// call the integration tests make, so the document cannot drift from what the handlers answer.

type Json = Record<string, unknown>;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const doc = openApiDocument();
ajv.addSchema(doc, 'openapi');
const paths = doc.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
const templates = Object.keys(paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]*')}$`) }));
const compiled = new Map<string, ValidateFunction>();

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The documented path template a concrete path matches, or null. */
export function templateOf(pathname: string): string | null {
  return templates.find((t) => t.pattern.test(pathname))?.template ?? null;
}

/** Throws, naming what differs, when the response is not one the document describes. */
export function assertMatchesContract(method: string, pathname: string, status: number, contentType: string | null, json: unknown): void {
  const template = templateOf(pathname);
  if (!template) return; // not an /api/v1 route (cron, portal): outside the document
  const operation = paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`contract: ${method} ${template} is not in the OpenAPI document`);
  let response = operation.responses[String(status)];
  if (!response) throw new Error(`contract: ${method} ${template} answered ${status}, which the OpenAPI document does not list`);
  const ref = typeof response.$ref === 'string' ? response.$ref : null;
  if (ref) response = (doc.components as Record<string, Record<string, Json>>).responses![ref.split('/').pop()!]!;
  if (!contentType?.includes('application/json')) return;
  const base = ref ? `openapi#/${pointer('components', 'responses', ref.split('/').pop()!)}` : `openapi#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status))}`;
  const key = `${base}/content/application~1json/schema`;
  let validate = compiled.get(key);
  if (!validate) {
    if (!(response.content as Json | undefined)?.['application/json']) throw new Error(`contract: ${method} ${template} ${status} answered JSON where the document says otherwise`);
    validate = ajv.compile({ $ref: key });
    compiled.set(key, validate);
  }
  if (!validate(json)) throw new Error(`contract: ${method} ${template} ${status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(json).slice(0, 2000)}`);
}
