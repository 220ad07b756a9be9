-- The outbox: Delivery becomes every message the bot starts itself, with its content, state and retries.
-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "key" TEXT,
    "memberId" INTEGER,
    "chatId" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'text',
    "text" TEXT,
    "markup" TEXT,
    "fileName" TEXT,
    "file" BLOB,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "messageId" INTEGER,
    "error" TEXT,
    "reportedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "Delivery_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Earlier claims keep their key, so nothing already sent goes out again; a claim left "pending" by a
-- crash between claim and send is uncertain; earlier failures were reported by then.
INSERT INTO "new_Delivery" ("chatId", "createdAt", "day", "error", "id", "kind", "memberId", "messageId", "state", "key", "reportedAt")
SELECT "chatId", "createdAt", "day", "error", "id", "kind", "memberId", "messageId",
       CASE "state" WHEN 'pending' THEN 'uncertain' ELSE "state" END,
       "kind" || ':' || "day" || ':m' || "memberId",
       CASE WHEN "state" = 'sent' THEN NULL ELSE "createdAt" END
FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");
CREATE INDEX "Delivery_state_id_idx" ON "Delivery"("state", "id");
CREATE INDEX "Delivery_chatId_messageId_idx" ON "Delivery"("chatId", "messageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
