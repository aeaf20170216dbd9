import { Prisma } from './generated/client';

// Many rows in one statement: one array parameter per column, unnested back into rows in SQL. Prisma's
// createMany binds one parameter per value (200 rows × 15 columns), and building and binding those cost
// ~90 % of a sweep batch. Every array goes in as text[] and is cast to its column's type in SQL, so PGlite
// and node-postgres bind them alike (each guesses the type of other arrays its own way).

/** The SQL types a column may be cast to. */
export type SqlType = 'text' | 'uuid' | 'bigint' | 'jsonb' | 'timestamp(3)';

/** The SQL types a JavaScript value can be sent as: its text form must be what that type parses. */
type SqlTypeOf<V> = [V] extends [bigint] ? 'bigint' : [V] extends [Date] ? 'timestamp(3)' : [V] extends [string] ? 'text' | 'uuid' : 'jsonb';

/** Which row fields go in, in this order, each cast to its SQL type; the keys are the table's column names. */
export type UnnestColumns<Row> = { [K in keyof Row & string]?: SqlTypeOf<NonNullable<Row[K]>> };

/** The ordinal column `unnestRows` adds when order matters; named so that it cannot shadow a table's column. */
const UNNEST_POSITION = 'unnest_position';

function asText(type: SqlType, value: unknown): string | null {
  if (value === null || value === undefined) return null; // SQL NULL, also for jsonb (never JSON's null)
  switch (type) {
    case 'jsonb':
      return JSON.stringify(value);
    case 'timestamp(3)':
      // timestamp(3) columns hold UTC wall time (Prisma's convention): the ISO instant without its Z.
      return (value as Date).toISOString().slice(0, -1);
    default:
      return String(value);
  }
}

/** A quoted identifier; only names written in code reach here, and this refuses anything else. */
function identifier(name: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return Prisma.raw(`"${name}"`);
}

const entriesOf = <Row>(columns: UnnestColumns<Row>) => Object.entries(columns) as Array<[keyof Row & string, SqlType]>;

/**
 * The rows as a FROM item: `unnest($1::text[]::uuid[], …) AS alias("column", …)`, one array a column,
 * named as the columns. `ordered` adds WITH ORDINALITY as `alias.unnest_position` (1, 2, …: the array's order).
 */
export function unnestRows<Row>(rows: readonly Row[], columns: UnnestColumns<Row>, alias: string, options: { ordered?: boolean } = {}): Prisma.Sql {
  const entries = entriesOf(columns);
  const arrays = entries.map(([name, type]) => {
    const values = rows.map((row) => asText(type, row[name]));
    return type === 'text' ? Prisma.sql`${values}::text[]` : Prisma.sql`${values}::text[]::${Prisma.raw(type)}[]`;
  });
  const names = entries.map(([name]) => identifier(name));
  if (options.ordered) names.push(identifier(UNNEST_POSITION));
  return Prisma.sql`unnest(${Prisma.join(arrays)})${Prisma.raw(options.ordered ? ' WITH ORDINALITY' : '')} AS ${identifier(alias)} (${Prisma.join(names)})`;
}

/**
 * `INSERT INTO "table" (columns) SELECT … FROM unnest(…) ORDER BY position`: the rows in the order given,
 * so a sequence or default the table fills (an audit event's seq) follows the array. `skipDuplicates`
 * leaves out a row that would break a unique constraint (ON CONFLICT DO NOTHING, as createMany's).
 * Run it with `$executeRaw`, which answers how many rows went in.
 */
export function unnestInsert<Row>(table: string, rows: readonly Row[], columns: UnnestColumns<Row>, options: { skipDuplicates?: boolean } = {}): Prisma.Sql {
  const names = entriesOf(columns).map(([name]) => identifier(name));
  const picked = names.map((name) => Prisma.sql`v.${name}`);
  return Prisma.sql`
    INSERT INTO ${identifier(table)} (${Prisma.join(names)})
    SELECT ${Prisma.join(picked)} FROM ${unnestRows(rows, columns, 'v', { ordered: true })}
     ORDER BY v.${identifier(UNNEST_POSITION)}
    ${options.skipDuplicates ? Prisma.sql`ON CONFLICT DO NOTHING` : Prisma.empty}`;
}
