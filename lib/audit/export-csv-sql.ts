import { Prisma } from '@/lib/db/generated/client';
import { CSV_COLUMNS } from './export-format';

// The CSV export's records written by PostgreSQL itself: one query returns a whole chunk as one text
// value (string_agg), so the database does the per-row work (as its own COPY would) and this process
// only passes bytes on. Reading rows one by one through Prisma and formatting them here cost ~7× what
// `\copy` does for the same columns (docs/performance.md). The rules are export-format.ts's, written in
// SQL; export-csv-sql.integration.test.ts holds the two to byte-identical output on awkward values.

/** A text cell (csvField): a leading = + - @ TAB or CR gets a `'`; a cell holding " , CR or LF is quoted, its quotes doubled. */
function textCell(value: string): string {
  const neutralised = `CASE WHEN left(${value}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${value} ELSE ${value} END`;
  // The quote test looks at the value, not the neutralised cell: the `'` added in front never needs quoting.
  return `CASE WHEN ${value} ~ '[",\\r\\n]' THEN '"' || replace(${neutralised}, '"', '""') || '"' ELSE ${neutralised} END`;
}

/**
 * `data.reportedAt` as the view's reportedTime() writes it (Date.parse, then toISOString), for the form
 * the portal stores (toISOString output) — including days past a month's end, which Date.parse rolls
 * over into the next month as make_date(y, m, 1) + (d − 1) does. Anything else yields NULL and marks the
 * row `odd`: its chunk is formatted by the JavaScript path instead, so rows written behind the portal's
 * back export exactly as before.
 */
export const REPORTED_AT_ISO = String.raw`'^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$'`;
const REPORTED_AT = 'p."reportedAt"';
export const reportedAtTime = (v: string) =>
  `CASE WHEN ${v} ~ ${REPORTED_AT_ISO} THEN to_char(make_date(substr(${v}, 1, 4)::int, substr(${v}, 6, 2)::int, 1) + (substr(${v}, 9, 2)::int - 1), 'YYYY-MM-DD') || substr(${v}, 11) END`;

/** Uuids, bigints and times: digits, hex, `-`, `:`, `.`, `T`, `Z` only, never quoted (as csvRecord writes them). */
const plain = (sql: string) => `${sql}::text`;

/** Each CSV column as an expression over the page `p` and its resource `r`; keyed by column, so none is missed. */
const CELLS: Record<(typeof CSV_COLUMNS)[number], string> = {
  seq: plain('p."seq"'),
  // timestamp(3) holds UTC wall time (Prisma's convention): toISOString()'s shape.
  occurredAt: `to_char(p."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  id: plain('p."id"'),
  actorLabel: textCell('p."actorLabel"'),
  actorId: plain('p."actorId"'),
  tokenId: plain('p."tokenId"'),
  action: textCell('p."action"'),
  resource: textCell('r."slug"'),
  resourceId: plain('p."resourceId"'),
  entitlementId: plain('p."entitlementId"'),
  requestId: plain('p."requestId"'),
  grantId: plain('p."grantId"'),
  statusFrom: textCell('p."statusFrom"'),
  statusTo: textCell('p."statusTo"'),
  justification: textCell('p."justification"'),
  ticket: textCell('p."ticket"'),
  ip: textCell('p."ip"'),
  userAgent: textCell('p."userAgent"'),
  data: textCell('p."dataJson"'),
  chainIndex: plain('p."chainIndex"'),
  prevHash: textCell('p."prevHash"'),
  hash: textCell('p."hash"'),
  // NULL (an empty field) when absent, and when odd (below).
  reportedAt: reportedAtTime(REPORTED_AT),
};

/**
 * What the cells read, and nothing else (not the MACs or the search text). What comes out of `data` is
 * taken out once here: a cell's expression names its value up to four times, and nothing computes it once.
 */
const PAGE_COLUMNS = Prisma.raw(
  `"seq", "occurredAt", "id", "actorLabel", "actorId", "tokenId", "action", "resourceId", "entitlementId", "requestId", "grantId", "statusFrom", "statusTo", ` +
    `"ip", "userAgent", "data"::text AS "dataJson", "data"->>'justification' AS "justification", "data"->>'ticket' AS "ticket", "data"->>'reportedAt' AS "reportedAt", ` +
    `"chainIndex", "prevHash", "hash"`,
);

// concat() skips NULLs (an empty field); || would turn the whole record NULL.
const RECORD = Prisma.raw(`concat(${CSV_COLUMNS.map((c) => CELLS[c]).join(", ',', ")}, E'\\r\\n')`);
const ODD = Prisma.raw(`(${REPORTED_AT} IS NOT NULL AND ${REPORTED_AT} !~ ${REPORTED_AT_ISO})`);

export interface CsvChunk {
  /** Rows the page read (before the snapshot's end is applied): fewer than asked means the trail is exhausted. */
  fetched: number;
  /** The page's last seq: where the next page starts. */
  last: bigint | null;
  /** Rows at or before the snapshot's end, and their records, oldest first. */
  kept: number;
  csv: string | null;
  /** Some kept row needs the JavaScript formatter (see REPORTED_AT_ISO). */
  odd: boolean;
}

/**
 * One keyset page of the filtered trail, by seq, as CSV records. The snapshot's end (`newest`) is applied
 * outside the LIMITed scan: beside "seq > after" inside it, the planner would trade the ordered index scan
 * for a bitmap scan and a sort whenever its statistics lag behind a fast-growing table.
 */
export const csvChunkQuery = (where: Prisma.Sql, after: bigint, limit: number, newest: bigint) => Prisma.sql`
  SELECT count(*)::int AS "fetched", max(p."seq") AS "last",
         (count(*) FILTER (WHERE p."seq" <= ${newest}))::int AS "kept",
         string_agg(${RECORD}, '' ORDER BY p."seq") FILTER (WHERE p."seq" <= ${newest}) AS "csv",
         coalesce(bool_or(${ODD}) FILTER (WHERE p."seq" <= ${newest}), false) AS "odd"
    FROM (SELECT ${PAGE_COLUMNS} FROM "AuditEvent" WHERE (${where}) AND "seq" > ${after} ORDER BY "seq" ASC LIMIT ${limit}) p
    LEFT JOIN "Resource" r ON r."id" = p."resourceId"`;
