import type mysql from 'mysql2/promise';
import { ident } from './sql-quote';

/** One privilege one account holds on one object, from information_schema (global, database or table level). */
export interface PrivilegeRow {
  user: string;
  host: string;
  /** As GRANT/REVOKE write it: *.*, `db`.* (db may be a LIKE pattern, as stored) or `db`.`table`. */
  object: string;
  level: 'global' | 'database' | 'table';
  /** Database name or pattern as stored (null for global). */
  db: string | null;
  privilege: string;
}

const parseGrantee = (grantee: string) => {
  const m = grantee.match(/^'((?:[^']|'')*)'@'((?:[^']|'')*)'$/);
  return m ? { user: m[1]!.replace(/''/g, "'"), host: m[2]!.replace(/''/g, "'") } : { user: grantee, host: '' };
};

/** Every account's privileges (USAGE, i.e. none, left out). The admin needs SELECT on mysql.* to see others'. */
export async function privilegeRows(c: mysql.Connection): Promise<PrivilegeRow[]> {
  type Row = mysql.RowDataPacket & { GRANTEE: string; TABLE_SCHEMA?: string; TABLE_NAME?: string; PRIVILEGE_TYPE: string };
  const [global] = await c.query<Row[]>(`SELECT GRANTEE, PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE <> 'USAGE'`);
  const [schema] = await c.query<Row[]>('SELECT GRANTEE, TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES');
  const [table] = await c.query<Row[]>('SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES');
  return [
    ...global.map((r) => ({ ...parseGrantee(r.GRANTEE), object: '*.*', level: 'global' as const, db: null, privilege: r.PRIVILEGE_TYPE })),
    ...schema.map((r) => ({ ...parseGrantee(r.GRANTEE), object: `${ident(r.TABLE_SCHEMA!)}.*`, level: 'database' as const, db: r.TABLE_SCHEMA!, privilege: r.PRIVILEGE_TYPE })),
    ...table.map((r) => ({
      ...parseGrantee(r.GRANTEE),
      object: `${ident(r.TABLE_SCHEMA!)}.${ident(r.TABLE_NAME!)}`,
      level: 'table' as const,
      db: r.TABLE_SCHEMA!,
      privilege: r.PRIVILEGE_TYPE,
    })),
  ];
}

/**
 * The object as GRANT must name it. At database level `_` and `%` are LIKE wildcards in MariaDB:
 * a grant on `my_db`.* would also open `myXdb`, so they are escaped. Table-level names are literal.
 */
export function grantObject(db: string, table: string | null): string {
  return table ? `${ident(db)}.${ident(table)}` : `${ident(db.replace(/([_%])/g, '\\$1'))}.*`;
}

/** Does a stored database-level pattern (LIKE syntax, \ escapes) cover database `db`? */
export function dbPatternCovers(pattern: string, db: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegExp(ch);
  }
  // Database names are case-sensitive on Linux (lower_case_table_names=0), so the match is too.
  return new RegExp(`^${source}$`).test(db);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
