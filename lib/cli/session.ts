import { readConfig } from './config-file';
import { CliError, ExitCode } from './exit-codes';
import { createApiClient, normalizeBaseUrl, type ApiClient } from './http-client';

export const DEFAULT_URL = 'http://localhost:3000';

/** The server to talk to: TIMEBOX_URL, else the one `timebox login` saved, else the local default. */
export async function serverUrl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.TIMEBOX_URL) return normalizeBaseUrl(env.TIMEBOX_URL);
  return (await readConfig(env))?.url ?? DEFAULT_URL;
}

/** A client with the token: TIMEBOX_TOKEN (pipelines) wins over the saved one; none at all is exit 3. */
export async function signedInClient(env: NodeJS.ProcessEnv = process.env): Promise<ApiClient> {
  const token = env.TIMEBOX_TOKEN || (await readConfig(env))?.token;
  if (!token) throw new CliError('not signed in: run `timebox login` (or set TIMEBOX_TOKEN).', ExitCode.denied);
  return createApiClient(await serverUrl(env), token);
}
