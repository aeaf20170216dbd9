import pg from 'pg';

/** A message the connector wrote itself (a refusal, or a driver error already made readable): passed through as is. */
export class ConnectorError extends Error {}

// Network failures and "server starting/stopping": the target is not there right now, retrying later may work.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03']);

/** An Error whose message is short, readable and free of secrets: it becomes a grant's failure reason or lastError. */
export function targetError(error: unknown, adminUrl: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as { code?: string; message?: string };
  let message = (e?.message ?? String(error)).split('\n')[0]!.slice(0, 300);
  // Belt and braces: no driver message we know of echoes the URL, but a password must never reach a log or a page.
  const password = URL.canParse(adminUrl) ? decodeURIComponent(new URL(adminUrl).password) : '';
  if (password) message = message.split(password).join('***');
  message = message.replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
  const unreachable = (e?.code && UNREACHABLE_CODES.has(e.code)) || /timeout expired|Connection terminated|connection timeout/i.test(message);
  return new ConnectorError(unreachable ? `target unreachable: ${message}` : `postgres: ${message}`);
}

/** One admin connection for one connector call, always closed; every error comes out through targetError. */
export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: 5_000,
    // A hung target must not hold a revocation attempt past its lease (60 s in finish-ending).
    statement_timeout: 20_000,
    application_name: 'timebox-connector',
  });
  client.on('error', () => {}); // a server that goes away mid-call surfaces as the query's rejection, not a crash
  try {
    await client.connect();
    return await fn(client);
  } catch (error) {
    throw targetError(error, adminUrl);
  } finally {
    await client.end().catch(() => {});
  }
}


export const ident = (name: string) => pg.escapeIdentifier(name);
export const literal = (value: string) => pg.escapeLiteral(value);
