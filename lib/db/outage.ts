// Errors that mean "the database cannot be reached right now", as opposed to a bug or bad input. They are
// answered 503 with Retry-After (a client should come back), not 500 (something is wrong with Timebox).

// Prisma's codes for an unreachable, timed-out or closed server, and an exhausted connection pool.
const PRISMA_OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// What the driver adapter reports underneath a raw query's P2010 (Prisma 7 driver-adapter error kinds).
const ADAPTER_OUTAGE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed']);
// node-postgres socket errors, and PostgreSQL's own: admin shutdown, crash shutdown, cannot connect now,
// too many connections, and the whole connection-exception class 08.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const SQLSTATE_OUTAGE = /^(57P0[123]|53300|08\d{3})$/;
// node-postgres raises these as plain Errors with no code (a server that hangs up, a connect timeout),
// and Prisma's adapter passes them through unwrapped.
const PG_OUTAGE_MESSAGES = /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)/;

/** Whether `error` (or anything in its cause chain) says the database is unavailable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } }; cause?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (PRISMA_OUTAGE_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE_OUTAGE.test(code)) return true;
  const adapterCause = e.meta?.driverAdapterError?.cause;
  if (adapterCause && typeof adapterCause.kind === 'string' && ADAPTER_OUTAGE_KINDS.has(adapterCause.kind)) return true;
  if (typeof adapterCause?.originalCode === 'string' && SQLSTATE_OUTAGE.test(adapterCause.originalCode)) return true;
  // Prisma's failure to start a client at all (no code to give).
  if (e.constructor?.name === 'PrismaClientInitializationError') return true;
  if (typeof e.message === 'string' && PG_OUTAGE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Seconds a client is told to wait before retrying during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
