-- AlterTable
ALTER TABLE "ComponentRevision" ADD COLUMN     "createdById" UUID,
ADD COLUMN     "reason" TEXT NOT NULL DEFAULT 'update';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" UUID,
    "userEmail" TEXT,
    "action" TEXT NOT NULL,
    "componentId" UUID,
    "detail" JSONB,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentReference" (
    "fromId" UUID NOT NULL,
    "toId" UUID NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "ComponentReference_pkey" PRIMARY KEY ("fromId","toId","path")
);

-- CreateTable
CREATE TABLE "Secret" (
    "componentId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "iv" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "tag" BYTEA NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Secret_pkey" PRIMARY KEY ("componentId","field")
);

-- CreateTable
CREATE TABLE "MetadataCache" (
    "serviceUrl" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "model" BYTEA NOT NULL,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sizeBytes" INTEGER NOT NULL,

    CONSTRAINT "MetadataCache_pkey" PRIMARY KEY ("serviceUrl")
);

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_componentId_at_idx" ON "AuditEntry"("componentId", "at");

-- CreateIndex
CREATE INDEX "ComponentReference_toId_idx" ON "ComponentReference"("toId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentReference" ADD CONSTRAINT "ComponentReference_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentReference" ADD CONSTRAINT "ComponentReference_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Secret" ADD CONSTRAINT "Secret_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;
