import mysql from 'mysql2/promise';
import type { MysqlTarget } from './settings';

/** A message the connector wrote itself (a refusal, or a driver error already made readable): passed through as is. */
export class ConnectorError extends Error {}

// Network failures and a server going down: the target is not there right now, retrying later may work.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
]);

/** An Error whose message is short, readable and free of secrets: it becomes a grant's failure reason or lastError. */
export function targetError(error: unknown, target: MysqlTarget): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as { code?: string; message?: string };
  let message = (e?.message || e?.code || String(error)).split('\n')[0]!.slice(0, 300);
  if (target.admin.password) message = message.split(target.admin.password).join('***');
  const unreachable = e?.code !== undefined && UNREACHABLE_CODES.has(e.code);
  return new ConnectorError(unreachable ? `target unreachable: ${message}` : `mysql: ${message}`);
}

/** One admin connection for one connector call, always closed; every error comes out through targetError. */
export async function withAdmin<T>(target: MysqlTarget, fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({ ...target.admin, connectTimeout: 5_000, multipleStatements: false });
    connection.on('error', () => {}); // a server that goes away mid-call surfaces as the query's rejection, not a crash
    // UTC, so an event scheduled AT a timestamp means the same instant whatever the server's zone and DST.
    await connection.query(`SET time_zone = '+00:00'`);
    return await fn(connection);
  } catch (error) {
    throw targetError(error, target);
  } finally {
    await connection?.end().catch(() => connection?.destroy());
  }
}

/** A string literal for SQL that cannot take placeholders (account names, event bodies). */
export const literal = (value: string) => mysql.escape(value);
export const ident = (name: string) => mysql.escapeId(name);
/** 'user'@'host', as CREATE/ALTER/DROP USER and GRANT want it. */
export const account = (user: string, host: string) => `${literal(user)}@${literal(host)}`;
