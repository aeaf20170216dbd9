-- CreateEnum
CREATE TYPE "GrantReviewOutcome" AS ENUM ('justified', 'not_justified');

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "breakGlassGroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "breakGlassMaxMinutes" INTEGER NOT NULL DEFAULT 60;

-- CreateTable
CREATE TABLE "GrantReview" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "outcome" "GrantReviewOutcome" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GrantReview_grantId_key" ON "GrantReview"("grantId");

-- AddForeignKey
ALTER TABLE "GrantReview" ADD CONSTRAINT "GrantReview_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantReview" ADD CONSTRAINT "GrantReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
