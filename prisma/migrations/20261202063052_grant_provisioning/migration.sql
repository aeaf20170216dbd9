-- AlterEnum
ALTER TYPE "GrantStatus" ADD VALUE 'provisioning';
