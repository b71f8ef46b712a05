-- DropIndex
DROP INDEX "TrackedProperty_value_idx";

-- AlterTable: added nullable, filled from the values already tracked, then required.
ALTER TABLE "TrackedProperty" ADD COLUMN     "folded" TEXT;
UPDATE "TrackedProperty" SET "folded" = lower("value");
ALTER TABLE "TrackedProperty" ALTER COLUMN "folded" SET NOT NULL;

-- CreateIndex
CREATE INDEX "TrackedProperty_folded_idx" ON "TrackedProperty"("folded");
