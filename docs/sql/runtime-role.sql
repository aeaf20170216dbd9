-- Least privilege for Timebox on PostgreSQL (docs/security.md, "Audit trail and database").
-- Run as the MIGRATION role (the owner of the tables) in Timebox's database, after `npm run db:migrate`
-- has created the tables with DATABASE_MIGRATION_URL. Replace timebox_app with the runtime role of
-- DATABASE_URL. Re-running it is harmless.

GRANT USAGE ON SCHEMA public TO timebox_app;

-- Every table: reads and writes (DML), never DDL. Tables later migrations create get the same.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO timebox_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO timebox_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO timebox_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO timebox_app;

-- The audit table: append and read only, plus the sealer's one-time write of the chain columns
-- (the append-only trigger refuses any other update, and the runtime role cannot disable it: it is not the owner).
REVOKE ALL ON "AuditEvent" FROM timebox_app;
GRANT SELECT, INSERT ON "AuditEvent" TO timebox_app;
GRANT UPDATE ("chainIndex", "prevHash", "hash", "sealMac") ON "AuditEvent" TO timebox_app;

-- Migration bookkeeping is the migration role's business.
REVOKE ALL ON "_prisma_migrations" FROM timebox_app;
