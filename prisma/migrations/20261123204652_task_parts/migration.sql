-- One task, several units: a directive is stored once (Task) with a part per unit (TaskPart), and
-- the monthly Briefing becomes a Cycle. Written by hand around Prisma's diff so that a database of
-- version 0.1 keeps everything: the per-unit copies of one directive from one notice (same cycle,
-- position and text) become one task, and each copy becomes that unit's part with its id, status,
-- note, history, reminders and extension requests. The runner applies it with foreign keys off
-- and checks them before committing.

-- Which old rows are copies of one directive; the lowest id names the task.
CREATE TABLE "_TaskGroup" AS
SELECT "id" AS "oldId", MIN("id") OVER (PARTITION BY "briefingId", "position", "content") AS "taskId" FROM "Task";

-- CreateTable
CREATE TABLE "Cycle" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'month',
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    "meetingOn" TEXT,
    "noticeNumber" TEXT,
    "noticeIssuedOn" TEXT,
    "sourceHash" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- The latest month stays open; an earlier one closed when the next was created.
INSERT INTO "Cycle" ("id", "key", "kind", "start", "end", "meetingOn", "noticeNumber", "noticeIssuedOn", "sourceHash", "state", "closedAt", "late", "createdAt")
SELECT b."id", b."month", 'month', b."month" || '-01', date(b."month" || '-01', '+1 month', '-1 day'), b."meetingOn", b."noticeNumber",
       b."noticeIssuedOn", b."sourceHash",
       CASE WHEN next."createdAt" IS NULL THEN 'open' ELSE 'closed' END, next."createdAt", false, b."createdAt"
FROM "Briefing" b
LEFT JOIN (SELECT b1."id", MIN(b2."createdAt") AS "createdAt" FROM "Briefing" b1 JOIN "Briefing" b2 ON b2."month" > b1."month" GROUP BY b1."id") next
  ON next."id" = b."id";

-- CreateTable
CREATE TABLE "new_Task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cycleId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "content" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "deadlineStated" BOOLEAN NOT NULL,
    "deadlineKind" TEXT NOT NULL DEFAULT 'date',
    "source" TEXT,
    "carriedFromId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Task_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Task_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- The directive's deadline is the earliest of its copies' (an extension only moved one copy later).
INSERT INTO "new_Task" ("id", "cycleId", "position", "content", "deadline", "deadlineStated", "deadlineKind", "source", "carriedFromId", "createdAt")
SELECT t."id", t."briefingId", t."position", t."content",
       (SELECT MIN(c."deadline") FROM "Task" c JOIN "_TaskGroup" g ON g."oldId" = c."id" WHERE g."taskId" = t."id"),
       t."deadlineStated", CASE WHEN t."deadlineStated" THEN 'date' ELSE 'default' END, NULL,
       (SELECT g."taskId" FROM "_TaskGroup" g WHERE g."oldId" = t."carriedFromId"), t."createdAt"
FROM "Task" t
WHERE t."id" IN (SELECT "taskId" FROM "_TaskGroup");

-- CreateTable
CREATE TABLE "TaskPart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'lead',
    "status" TEXT NOT NULL DEFAULT 'open',
    "deadline" TEXT NOT NULL,
    "note" TEXT,
    "doneOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TaskPart_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TaskPart_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Every old row is a unit's part, under its own id: reminders, history and requests keep pointing at it.
INSERT INTO "TaskPart" ("id", "taskId", "unitId", "role", "status", "deadline", "note", "doneOn", "createdAt", "updatedAt")
SELECT t."id", g."taskId", t."unitId", 'lead', t."status", t."deadline", t."note", t."doneOn", t."createdAt", t."updatedAt"
FROM "Task" t JOIN "_TaskGroup" g ON g."oldId" = t."id";

-- CreateTable
CREATE TABLE "TaskEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" INTEGER NOT NULL,
    "partId" INTEGER,
    "memberId" INTEGER,
    "kind" TEXT NOT NULL,
    "status" TEXT,
    "note" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TaskEvent_partId_fkey" FOREIGN KEY ("partId") REFERENCES "TaskPart" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TaskEvent_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Deadline changes were noted "2024-12-25 → 2024-12-30": now old and new values of their own.
INSERT INTO "TaskEvent" ("id", "taskId", "partId", "memberId", "kind", "status", "note", "oldValue", "newValue", "createdAt")
SELECT s."id", g."taskId", s."taskId", s."memberId", s."kind", s."status",
       CASE WHEN s."kind" IN ('deadline', 'extension', 'extension_approved') THEN NULL ELSE s."note" END,
       CASE WHEN s."kind" IN ('deadline', 'extension', 'extension_approved') THEN substr(s."note", 1, 10) END,
       CASE WHEN s."kind" IN ('deadline', 'extension', 'extension_approved') THEN substr(s."note", 14, 10) END,
       s."createdAt"
FROM "StatusUpdate" s JOIN "_TaskGroup" g ON g."oldId" = s."taskId";

-- CreateTable
CREATE TABLE "DeliveryItem" (
    "deliveryId" INTEGER NOT NULL,
    "partId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "day" TEXT NOT NULL,

    PRIMARY KEY ("deliveryId", "partId"),
    CONSTRAINT "DeliveryItem_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeliveryItem_partId_fkey" FOREIGN KEY ("partId") REFERENCES "TaskPart" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "DeliveryItem" ("deliveryId", "partId", "number", "reason", "day")
SELECT "deliveryId", "taskId", "number", "reason", "day" FROM "DeliveryTask";

-- CreateTable
CREATE TABLE "new_ExtensionRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "partId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "requestedOn" TEXT NOT NULL,
    "reason" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExtensionRequest_partId_fkey" FOREIGN KEY ("partId") REFERENCES "TaskPart" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExtensionRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExtensionRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ExtensionRequest" ("id", "partId", "memberId", "requestedOn", "reason", "state", "decidedById", "decidedAt", "createdAt")
SELECT "id", "taskId", "memberId", "requestedOn", "reason", "state", "decidedById", "decidedAt", "createdAt" FROM "ExtensionRequest";

-- The old tables go once everything is copied.
DROP TABLE "DeliveryTask";
DROP TABLE "StatusUpdate";
DROP TABLE "ExtensionRequest";
DROP TABLE "Task";
DROP TABLE "Briefing";
DROP TABLE "_TaskGroup";
ALTER TABLE "new_Task" RENAME TO "Task";
ALTER TABLE "new_ExtensionRequest" RENAME TO "ExtensionRequest";

-- CreateIndex
CREATE INDEX "ExtensionRequest_state_idx" ON "ExtensionRequest"("state");
CREATE INDEX "ExtensionRequest_partId_idx" ON "ExtensionRequest"("partId");
CREATE UNIQUE INDEX "Task_carriedFromId_key" ON "Task"("carriedFromId");
CREATE INDEX "Task_cycleId_idx" ON "Task"("cycleId");
CREATE UNIQUE INDEX "Cycle_key_key" ON "Cycle"("key");
CREATE UNIQUE INDEX "Cycle_sourceHash_key" ON "Cycle"("sourceHash");
CREATE INDEX "Cycle_state_idx" ON "Cycle"("state");
CREATE INDEX "TaskPart_status_deadline_idx" ON "TaskPart"("status", "deadline");
CREATE INDEX "TaskPart_unitId_status_idx" ON "TaskPart"("unitId", "status");
CREATE UNIQUE INDEX "TaskPart_taskId_unitId_key" ON "TaskPart"("taskId", "unitId");
CREATE INDEX "TaskEvent_taskId_createdAt_idx" ON "TaskEvent"("taskId", "createdAt");
CREATE INDEX "TaskEvent_partId_idx" ON "TaskEvent"("partId");
CREATE INDEX "DeliveryItem_partId_day_idx" ON "DeliveryItem"("partId", "day");
