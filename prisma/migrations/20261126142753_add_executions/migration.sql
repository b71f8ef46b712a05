-- CreateEnum
CREATE TYPE "ExecutionStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted');

-- CreateEnum
CREATE TYPE "ExecutionMode" AS ENUM ('test', 'full');

-- CreateEnum
CREATE TYPE "DocumentDirection" AS ENUM ('in', 'out', 'failed');

-- CreateEnum
CREATE TYPE "WriteStateKind" AS ENUM ('pending', 'written', 'failed', 'uncertain');

-- CreateTable
CREATE TABLE "Execution" (
    "id" UUID NOT NULL,
    "processId" UUID NOT NULL,
    "processVersion" INTEGER NOT NULL,
    "processName" TEXT NOT NULL,
    "status" "ExecutionStatus" NOT NULL DEFAULT 'queued',
    "mode" "ExecutionMode" NOT NULL,
    "startedById" UUID,
    "startedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3),
    "workerId" TEXT,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "input" JSONB,
    "startAt" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShapeRun" (
    "executionId" UUID NOT NULL,
    "shapeId" TEXT NOT NULL,
    "in" INTEGER NOT NULL DEFAULT 0,
    "out" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "timeMs" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "ShapeRun_pkey" PRIMARY KEY ("executionId","shapeId")
);

-- CreateTable
CREATE TABLE "ExecutionDocument" (
    "id" BIGSERIAL NOT NULL,
    "executionId" UUID NOT NULL,
    "shapeId" TEXT NOT NULL,
    "direction" "DocumentDirection" NOT NULL,
    "documentId" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "error" JSONB,

    CONSTRAINT "ExecutionDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WriteState" (
    "executionId" UUID NOT NULL,
    "shapeId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "state" "WriteStateKind" NOT NULL,
    "key" JSONB,
    "etag" TEXT,
    "dataAreaId" TEXT,
    "error" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WriteState_pkey" PRIMARY KEY ("executionId","shapeId","documentId")
);

-- CreateTable
CREATE TABLE "ExecutionLog" (
    "id" BIGSERIAL NOT NULL,
    "executionId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT NOT NULL,
    "shapeId" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "ExecutionLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackedProperty" (
    "id" BIGSERIAL NOT NULL,
    "executionId" UUID NOT NULL,
    "shapeId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "TrackedProperty_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Execution_processId_createdAt_idx" ON "Execution"("processId", "createdAt");

-- CreateIndex
CREATE INDEX "Execution_status_createdAt_idx" ON "Execution"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Execution_createdAt_idx" ON "Execution"("createdAt");

-- CreateIndex
CREATE INDEX "ExecutionDocument_executionId_shapeId_direction_id_idx" ON "ExecutionDocument"("executionId", "shapeId", "direction", "id");

-- CreateIndex
CREATE INDEX "ExecutionLog_executionId_id_idx" ON "ExecutionLog"("executionId", "id");

-- CreateIndex
CREATE INDEX "TrackedProperty_value_idx" ON "TrackedProperty"("value");

-- CreateIndex
CREATE INDEX "TrackedProperty_executionId_idx" ON "TrackedProperty"("executionId");

-- AddForeignKey
ALTER TABLE "ShapeRun" ADD CONSTRAINT "ShapeRun_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionDocument" ADD CONSTRAINT "ExecutionDocument_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WriteState" ADD CONSTRAINT "WriteState_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionLog" ADD CONSTRAINT "ExecutionLog_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackedProperty" ADD CONSTRAINT "TrackedProperty_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
