-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "mac" TEXT,
ADD COLUMN     "sealMac" TEXT;

-- ───────────── hand-written: the database's clock, and a sealing update that carries sealMac ─────────────
-- (Function bodies are E'...' strings with \073 for semicolons, and comments avoid semicolons: see
-- 20261128052314_audit_chain for why.)

-- occurredAt is the database's time of the insert, whatever the writer sent: a backdated value in a
-- plain INSERT is overwritten. clock_timestamp(), not now(): events keep the order of their inserts
-- even inside one long transaction, which is what lets verify spot a time changed afterwards.
-- The column is timestamp without time zone holding UTC (as Prisma writes it), hence AT TIME ZONE.
--   BEGIN
--     NEW."occurredAt" := clock_timestamp() AT TIME ZONE 'UTC'
--     RETURN NEW
--   END
CREATE FUNCTION "audit_event_occurred_at"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."occurredAt" := clock_timestamp() AT TIME ZONE ''UTC''\073
  RETURN NEW\073
END
';

-- Enabled for ordinary sessions only (not ALWAYS): a superuser session with session_replication_role =
-- replica skips it, which is how the volume seeder writes a synthetic past. Whoever can do that can
-- also drop the trigger, so it opens nothing new, and such rows still need the key for their MAC.
CREATE TRIGGER "AuditEvent_occurred_at"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_occurred_at"();

-- The one-time sealing update now sets sealMac with chainIndex, prevHash and hash.
--   BEGIN
--     IF TG_OP = 'UPDATE'
--        AND OLD."chainIndex" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL AND OLD."sealMac" IS NULL
--        AND NEW."chainIndex" IS NOT NULL AND NEW."prevHash" IS NOT NULL AND NEW."hash" IS NOT NULL AND NEW."sealMac" IS NOT NULL
--        AND (to_jsonb(NEW) - 'chainIndex' - 'prevHash' - 'hash' - 'sealMac') = (to_jsonb(OLD) - 'chainIndex' - 'prevHash' - 'hash' - 'sealMac')
--     THEN
--       RETURN NEW
--     END IF
--     RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege', HINT = '...'
--   END
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE''
     AND OLD."chainIndex" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL AND OLD."sealMac" IS NULL
     AND NEW."chainIndex" IS NOT NULL AND NEW."prevHash" IS NOT NULL AND NEW."hash" IS NOT NULL AND NEW."sealMac" IS NOT NULL
     AND (to_jsonb(NEW) - ''chainIndex'' - ''prevHash'' - ''hash'' - ''sealMac'') = (to_jsonb(OLD) - ''chainIndex'' - ''prevHash'' - ''hash'' - ''sealMac'')
  THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''AuditEvent is append-only: % refused'', TG_OP
    USING ERRCODE = ''insufficient_privilege'',
          HINT = ''Audit events are never changed or removed. Only the sealer may set chainIndex, prevHash, hash and sealMac, once.''\073
END
';
