-- CreateTable
CREATE TABLE "LabelText" (
    "serviceUrl" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "labelId" TEXT NOT NULL,
    "text" TEXT,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelText_pkey" PRIMARY KEY ("serviceUrl","language","labelId")
);
