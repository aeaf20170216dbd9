-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "ip" TEXT,
ADD COLUMN     "statusFrom" TEXT,
ADD COLUMN     "statusTo" TEXT,
ADD COLUMN     "tokenId" UUID,
ADD COLUMN     "userAgent" TEXT;

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "endReason" TEXT;
