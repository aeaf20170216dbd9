import type { AdminClient, AdminTimeouts } from './admin-client';
import type { ConnectorError } from './connector-error';

/** One open admin connection, as a driver hands it over. */
export interface OpenConnection<Session> {
  session: Session;
  /** False once the server or the network has closed it: it must not be used again. */
  usable(): boolean;
  /** Closes it; never rejects. */
  close(): Promise<void>;
}

/**
 * What a database connector says about its admin connections; when they are opened, reused and closed is
 * this module's. `open` sets the server-side bounds and makes its checks before it resolves, and closes
 * what it opened if it rejects.
 */
export interface AdminDriver<Target, Session> {
  timeouts: AdminTimeouts;
  /** Targets with the same key are served by the same kind of connection (same server, login and database). */
  keyOf(target: Target): string;
  open(target: Target): Promise<OpenConnection<Session>>;
  /** A driver error as a short, secret-free ConnectorError. */
  failure(error: unknown, target: Target): ConnectorError;
}

/** An admin client whose connections stay open between calls until `close()`. */
export interface HeldAdminClient<Target, Session> extends AdminClient<Target, Session> {
  close(): Promise<void>;
}

/** The admin client of a database connector: one connection per call; `hold()` gives one that keeps them. */
export interface DatabaseAdmin<Target, Session> extends AdminClient<Target, Session> {
  hold(): HeldAdminClient<Target, Session>;
}

/** One admin connection per call, always closed, every error out of it secret-free. */
export function adminClient<Target, Session>(driver: AdminDriver<Target, Session>): DatabaseAdmin<Target, Session> {
  return { timeouts: driver.timeouts, withAdmin: withAdminVia(driver, null), hold: () => heldAdminClient(driver) };
}

/**
 * Keeps at most one idle connection per key between calls, so a sweep ending batch after batch on one
 * target opens one connection, not one per batch (opening costs several times ending one grant). A call
 * takes the idle connection for itself, so two calls never share one; a second call at the same time
 * opens its own, closed when it ends. A connection a call failed on, or that the server closed while idle,
 * is closed and never handed out again. Calls after `close()` still work, one connection each.
 */
function heldAdminClient<Target, Session>(driver: AdminDriver<Target, Session>): HeldAdminClient<Target, Session> {
  const idle: IdleConnections<Session> = { byKey: new Map(), keeping: true };
  return {
    timeouts: driver.timeouts,
    withAdmin: withAdminVia(driver, idle),
    async close() {
      idle.keeping = false;
      const open = [...idle.byKey.values()];
      idle.byKey.clear();
      await Promise.all(open.map((c) => c.close()));
    },
  };
}

/** Where a held client keeps its idle connections, and whether it still takes more. */
interface IdleConnections<Session> {
  byKey: Map<string, OpenConnection<Session>>;
  keeping: boolean;
}

/**
 * The one way a call gets its connection, runs, and lets it go: with no `idle` (or one no longer keeping),
 * opened for the call and closed after it; otherwise taken from and given back to `idle`.
 */
function withAdminVia<Target, Session>(driver: AdminDriver<Target, Session>, idle: IdleConnections<Session> | null) {
  return async <T>(target: Target, fn: (session: Session) => Promise<T>): Promise<T> => {
    const key = idle ? driver.keyOf(target) : '';
    let connection = idle?.byKey.get(key);
    idle?.byKey.delete(key);
    if (connection && !connection.usable()) {
      await connection.close();
      connection = undefined;
    }
    try {
      connection ??= await driver.open(target);
      const result = await fn(connection.session);
      if (idle?.keeping && !idle.byKey.has(key) && connection.usable()) {
        idle.byKey.set(key, connection);
        connection = undefined;
      }
      return result;
    } catch (error) {
      throw driver.failure(error, target);
    } finally {
      await connection?.close();
    }
  };
}

/**
 * A database connector built by `on` over `admin`, with `holdConnections()` building the same connector
 * over a held client (Connector.holdConnections): one place says how a connector holds its connections.
 */
export function withHeldConnections<C, Target, Session>(admin: DatabaseAdmin<Target, Session>, on: (client: AdminClient<Target, Session>) => C): C & { holdConnections(): C & { close(): Promise<void> } } {
  return {
    ...on(admin),
    holdConnections: () => {
      const held = admin.hold();
      return { ...on(held), close: () => held.close() };
    },
  };
}
