-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "updateId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attempts" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProcessedUpdate_updatedAt_idx" ON "ProcessedUpdate"("updatedAt");
