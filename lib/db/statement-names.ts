import crypto from 'node:crypto';

/** How many distinct statements are prepared at most; later new ones run unprepared (see below). */
export const PREPARED_STATEMENT_LIMIT = 300;

/**
 * Names for Prisma's PostgreSQL adapter (`statementNameGenerator`): node-postgres prepares a named statement
 * once per connection and then only binds and executes it, so PostgreSQL keeps its plan instead of parsing
 * and planning the same text on every call. Planning was most of what the database spent on an API call
 * (the access check's statement: 0.7 ms to plan, 0.1 ms to run). The name is a digest of the text, so one
 * text always gets the same name and two texts never share one. Each connection keeps every statement it
 * prepared for its whole life, on both sides; texts that vary without end (an `IN` list of every length)
 * would grow that without bound, so only the first `limit` distinct texts are named and the rest run as
 * before.
 */
export function statementNames(limit = PREPARED_STATEMENT_LIMIT): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `tbx_${crypto.createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`;
      names.set(sql, name);
    }
    return name;
  };
}
