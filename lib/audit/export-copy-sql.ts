import { escapeLiteral } from 'pg';
import type { Prisma } from '@/lib/db/generated/client';
import { REPORTED_AT_ISO, reportedAtTime } from './export-csv-sql';
import { CSV_COLUMNS } from './export-format';

// The CSV export as one `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)` (PostgreSQL only). The SELECT
// does what export-format.ts does to a value (formula neutralising, ISO times, the reportedAt rule);
// COPY's C code does the quoting, which follows the same rule as csvField: a field holding the
// delimiter, a quote, CR or LF is quoted with its quotes doubled, nothing else is. Two differences are
// closed here and in csv-record-ends.ts:
// - COPY writes an empty string as `""` (to tell it from NULL): every text cell is NULLIF(…, ''), so
//   both come out as an empty field, as csvField writes them.
// - COPY ends a record with LF; the export's records end with CRLF (csv-record-ends.ts adds the CR).

/** A text cell: a leading = + - @ TAB or CR gets a `'` (neutraliseCell); the empty string is NULL. */
const textCell = (value: string) => `NULLIF(CASE WHEN left(${value}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${value} ELSE ${value} END, '')`;

const REPORTED_AT = `(e."data"->>'reportedAt')`;

/** Each CSV column over the event `e` and its resource `r`; keyed by column, so none is missed or misplaced. */
const CELLS: Record<(typeof CSV_COLUMNS)[number], string> = {
  seq: 'e."seq"',
  // timestamp(3) holds UTC wall time (Prisma's convention): toISOString()'s shape.
  occurredAt: `to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  id: 'e."id"',
  actorLabel: textCell('e."actorLabel"'),
  actorId: 'e."actorId"',
  tokenId: 'e."tokenId"',
  action: textCell('e."action"'),
  resource: textCell('r."slug"'),
  resourceId: 'e."resourceId"',
  entitlementId: 'e."entitlementId"',
  requestId: 'e."requestId"',
  grantId: 'e."grantId"',
  statusFrom: textCell('e."statusFrom"'),
  statusTo: textCell('e."statusTo"'),
  justification: textCell(`(e."data"->>'justification')`),
  ticket: textCell(`(e."data"->>'ticket')`),
  ip: textCell('e."ip"'),
  userAgent: textCell('e."userAgent"'),
  data: textCell('e."data"::text'),
  chainIndex: 'e."chainIndex"',
  prevHash: textCell('e."prevHash"'),
  hash: textCell('e."hash"'),
  // Only rows in the form the portal writes reach here (oddReportedAtQuery finds the others first).
  reportedAt: reportedAtTime(REPORTED_AT),
};

/**
 * `where` with its parameters written in as literals: COPY takes no bind parameters. Only text values
 * are accepted (resolveFilters binds nothing else: times are cast from text in SQL), and each goes
 * through node-postgres's escapeLiteral, which doubles quotes and backslashes (E'' form).
 */
export function inlineParameters(where: Prisma.Sql): string {
  return where.strings.reduce((text, piece, i) => {
    if (i === 0) return piece;
    const value = where.values[i - 1];
    if (typeof value !== 'string' || value.includes('\0')) throw new Error(`a COPY filter takes text parameters only, not ${typeof value}`);
    return `${text}${escapeLiteral(value)}${piece}`;
  }, '');
}

/** The whole filtered trail as CSV records (no header), oldest first. What the snapshot holds is what it exports. */
export function copyCsvStatement(where: Prisma.Sql): string {
  return (
    // The filter applies inside the subquery, where its unqualified columns can only be AuditEvent's.
    `COPY (SELECT ${CSV_COLUMNS.map((c) => CELLS[c]).join(', ')} ` +
    `FROM (SELECT * FROM "AuditEvent" WHERE (${inlineParameters(where)})) e LEFT JOIN "Resource" r ON r."id" = e."resourceId" ` +
    `ORDER BY e."seq") TO STDOUT WITH (FORMAT csv)`
  );
}

/**
 * Whether the filtered trail holds a `reportedAt` the SQL cannot turn into Date.parse's answer (only a row
 * written behind the portal's back): such an export takes the paged path, whose JavaScript formats it.
 * The two conditions after the filter are, word for word, the predicate of the partial index
 * "AuditEvent_odd_reportedAt_idx" (migration 20261202180000): PostgreSQL then reads the few such rows
 * rather than every event's data. Change them together. Bound parameters ($1…): an ordinary query.
 */
export function oddReportedAtQuery(where: Prisma.Sql): { text: string; values: unknown[] } {
  return {
    text: `SELECT EXISTS (SELECT 1 FROM "AuditEvent" WHERE (${where.text}) AND "data" ? 'reportedAt' AND ("data"->>'reportedAt') !~ ${REPORTED_AT_ISO}) AS "odd"`,
    values: where.values,
  };
}
