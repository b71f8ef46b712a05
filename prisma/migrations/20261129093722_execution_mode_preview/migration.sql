-- AlterEnum
ALTER TYPE "ExecutionMode" ADD VALUE 'preview';
