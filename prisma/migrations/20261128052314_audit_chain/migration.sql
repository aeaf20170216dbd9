-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey";

-- DropIndex
DROP INDEX "AuditEvent_action_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_actorId_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_grantId_idx";

-- DropIndex
DROP INDEX "AuditEvent_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_requestId_idx";

-- DropIndex
DROP INDEX "AuditEvent_resourceId_occurredAt_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainIndex" BIGINT,
ADD COLUMN     "searchText" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainIndex_key" ON "AuditEvent"("chainIndex");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_seq_idx" ON "AuditEvent"("occurredAt", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorLabel_seq_idx" ON "AuditEvent"("actorLabel", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_resourceId_seq_idx" ON "AuditEvent"("resourceId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_seq_idx" ON "AuditEvent"("requestId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_grantId_seq_idx" ON "AuditEvent"("grantId", "seq");

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── hand-written: append-only audit trail (Prisma does not model triggers) ─────────────
--
-- Why the function bodies are E'...' strings with \073 for semicolons: @prisma/adapter-pg runs a
-- migration by splitting it at every semicolon, even inside $$-quoted bodies, which would cut a
-- PL/pgSQL function apart. The escape keeps each CREATE FUNCTION one statement for that splitter, and
-- PostgreSQL reads \073 as the semicolon. The readable bodies are in the comments above each function.
-- (Comments here avoid semicolons too: the splitter cuts them as well.)

-- Text the dashboard's `q` filter searches: the justification and ticket of the event, filled by a
-- BEFORE INSERT trigger so every writer (appendAudit, the volume seeder, psql) gets the same value.
--   BEGIN
--     NEW."searchText" := NULLIF(concat_ws(' ', NEW."data"->>'justification', NEW."data"->>'ticket'), '')
--     RETURN NEW
--   END
CREATE FUNCTION "audit_event_search_text"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."searchText" := NULLIF(concat_ws('' '', NEW."data"->>''justification'', NEW."data"->>''ticket''), '''')\073
  RETURN NEW\073
END
';

CREATE TRIGGER "AuditEvent_search_text"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_search_text"();

-- Events written before this migration get theirs now (the append-only trigger below forbids it later).
UPDATE "AuditEvent" SET "searchText" = NULLIF(concat_ws(' ', "data"->>'justification', "data"->>'ticket'), '');

-- Append-only: DELETE and TRUNCATE are always refused, and UPDATE is refused except as the one-time
-- sealing update, which sets chainIndex, prevHash and hash from NULL and leaves every other column as
-- it was. A trigger holds for every role, the table owner included, and ENABLE ALWAYS keeps it firing
-- even under session_replication_role = replica. (A superuser can still drop it: the hash chain and
-- an anchor kept outside the database catch what follows.)
--   BEGIN
--     IF TG_OP = 'UPDATE'
--        AND OLD."chainIndex" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL
--        AND NEW."chainIndex" IS NOT NULL AND NEW."prevHash" IS NOT NULL AND NEW."hash" IS NOT NULL
--        AND (to_jsonb(NEW) - 'chainIndex' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'chainIndex' - 'prevHash' - 'hash')
--     THEN
--       RETURN NEW
--     END IF
--     RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege', HINT = '...'
--   END
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE''
     AND OLD."chainIndex" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL
     AND NEW."chainIndex" IS NOT NULL AND NEW."prevHash" IS NOT NULL AND NEW."hash" IS NOT NULL
     AND (to_jsonb(NEW) - ''chainIndex'' - ''prevHash'' - ''hash'') = (to_jsonb(OLD) - ''chainIndex'' - ''prevHash'' - ''hash'')
  THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''AuditEvent is append-only: % refused'', TG_OP
    USING ERRCODE = ''insufficient_privilege'',
          HINT = ''Audit events are never changed or removed. Only the sealer may set chainIndex, prevHash and hash, once.''\073
END
';

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only";
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_no_truncate";
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_search_text";

-- Text filter (q): a trigram index where the pg_trgm extension is available. PostgreSQL ships it in
-- contrib as a trusted extension. PGlite does not load it, and there the filter scans instead
-- (measured on 265,000 events: a rare term 126 ms by scan, 0.6 ms by this index). Built only if it can
-- be, so the migration applies everywhere. Prisma does not model it, and the drift check (run on
-- PGlite) never sees it.
DO E'
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm\073
  CREATE INDEX IF NOT EXISTS "AuditEvent_searchText_trgm_idx" ON "AuditEvent" USING gin ("searchText" gin_trgm_ops)\073
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE ''pg_trgm is not available (%), so the audit text filter scans instead'', SQLERRM\073
END';
