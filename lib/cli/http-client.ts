import { CliError, ExitCode, exitCodeForApiError } from './exit-codes';

const REQUEST_TIMEOUT_MS = 30_000;

/** A refusal from the server, with the status and code it sent (the wait and login loops branch on them). */
export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message, exitCodeForApiError(status, code));
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  readonly baseUrl: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/** The URL as typed (`localhost:3000`, `https://timebox.example.com/`) → an origin-like base without a trailing slash. */
export function normalizeBaseUrl(text: string): string {
  const withScheme = /^https?:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError(`"${text}" is not a URL.`, ExitCode.usage);
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * The one HTTP client of the CLI: JSON in and out, the bearer token when there is one. A server that
 * cannot be reached is exit 5; a refusal is the server's own message with the exit code its status means.
 */
export function createApiClient(baseUrl: string, token?: string): ApiClient {
  async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'timebox-cli' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new CliError(`cannot reach ${baseUrl}: ${reason}`, ExitCode.unreachable);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(error?.message ?? `the server answered ${response.status} ${response.statusText}`, response.status, error?.code);
    }
    if (json === null) throw new CliError(`${baseUrl} did not answer JSON: is it a Timebox server?`, ExitCode.failed);
    return json as T;
  }
  return { baseUrl, get: (path) => send('GET', path), post: (path, body) => send('POST', path, body ?? {}) };
}
