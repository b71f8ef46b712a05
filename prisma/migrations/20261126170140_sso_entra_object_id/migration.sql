-- AlterTable
ALTER TABLE "User" ADD COLUMN     "entraObjectId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_entraObjectId_key" ON "User"("entraObjectId");
