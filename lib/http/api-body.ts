import { AppError } from '@/lib/errors';
import { HttpError } from './api-errors';
import { refuseDeepNesting, refuseNul } from './contains-nul';

/** The largest JSON body the API reads. Every request body it takes is a few fields of text. */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new HttpError(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);

/**
 * Reads the body as UTF-8 text, refusing it as soon as it passes `limit` bytes — it never buffers
 * more than that, whatever Content-Length claims (or omits). Invalid UTF-8 is a 400, not a mangled string.
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('bad_request', 'The body is not valid UTF-8.');
  }
}

/** `application/json` or any `application/*+json`, with or without parameters such as charset. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Text → the plain object a body schema parses. An empty body counts as `{}` (so POSTs whose
 * fields are all optional need no body at all); anything else must be a JSON object sent as JSON.
 */
export function parseJsonObject(text: string, contentType: string | null): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (!isJsonContentType(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Malformed JSON in the request body.');
  }
  refuseNul(value);
  refuseDeepNesting(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('bad_request', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Query string → object; a repeated key becomes an array, so a schema expecting one value refuses it. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    refuseNul([key, value]);
    const prev = out[key];
    out[key] = prev === undefined ? value : ([] as string[]).concat(prev, value);
  }
  return out;
}
