-- CreateTable
CREATE TABLE "OrgProfile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "department" TEXT NOT NULL,
    "settings" TEXT NOT NULL
);
