import type { DatabaseCredentials } from '../types';

const SCHEME: Record<DatabaseCredentials['kind'], string> = { postgres: 'postgresql', mysql: 'mysql' };

/** A connection URL users paste into a client: every part encoded, an IPv6 host in brackets. */
export function credentialsUrl(c: Omit<DatabaseCredentials, 'url' | 'expiresAt'>): string {
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `${SCHEME[c.kind]}://${encodeURIComponent(c.username)}:${encodeURIComponent(c.password)}@${host}:${c.port}/${encodeURIComponent(c.database)}`;
}

/** What a database connector's issueCredentials returns: the login, where to use it, until when. */
export function databaseCredentials(c: Omit<DatabaseCredentials, 'url' | 'expiresAt'>, expiresAt: Date): DatabaseCredentials {
  return { kind: c.kind, username: c.username, password: c.password, host: c.host, port: c.port, database: c.database, url: credentialsUrl(c), expiresAt: expiresAt.toISOString() };
}
