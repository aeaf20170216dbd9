import { handleScim } from '@/lib/http/scim-route';
import type { ServiceDeps } from '@/lib/services/deps';

export interface ScimReply {
  status: number;
  type: string | null;
  headers: Headers;
  // SCIM answers are JSON documents; tests read them freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Calls /scim/v2 through the real route dispatcher, in-process, as an IdP would over HTTP: `bearer` is
 * the SCIM token by default (pass another, or null for none), `headers` anything else (e.g. the client address).
 */
export function scimClient(deps: () => ServiceDeps, bearer: () => string, base = 'http://timebox.test/scim/v2') {
  return async function scim(method: string, path: string, body?: unknown, as: string | null = bearer(), headers: Record<string, string> = {}): Promise<ScimReply> {
    const url = new URL(`${base}${path}`);
    const request = new Request(url, {
      method,
      headers: { ...(as ? { authorization: `Bearer ${as}` } : {}), ...(body ? { 'content-type': 'application/scim+json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const segments = url.pathname.replace('/scim/v2', '').split('/').filter(Boolean).map(decodeURIComponent);
    const response = await handleScim(deps(), request, segments);
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, body: text ? JSON.parse(text) : null };
  };
}
