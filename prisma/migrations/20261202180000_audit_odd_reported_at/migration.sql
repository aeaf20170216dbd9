-- The events whose data.reportedAt is not in the form the portal writes (only rows written behind the
-- portal's back). The CSV export asks whether its trail holds one before it streams by COPY
-- (lib/audit/export-copy-sql.ts, oddReportedAtQuery): with this index that question reads the few such
-- rows, normally none, instead of every event's data (~3 s at 1M events). The predicate is written
-- exactly as the query writes it, which is what lets PostgreSQL prove the index applies. Not in
-- schema.prisma: Prisma cannot describe a partial index.
CREATE INDEX "AuditEvent_odd_reportedAt_idx" ON "AuditEvent" ("seq")
  WHERE "data" ? 'reportedAt' AND ("data"->>'reportedAt') !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$';
