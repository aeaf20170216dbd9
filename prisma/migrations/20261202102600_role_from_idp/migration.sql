-- AlterTable
ALTER TABLE "User" ADD COLUMN     "roleFromIdp" BOOLEAN NOT NULL DEFAULT false;
