-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "justificationMinLength" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "ticketExample" TEXT;
