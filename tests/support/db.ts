// A real SQLite file in a temp folder, with the real migrations and the example org.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../../src/db/client.js";
import { ensureOrg } from "../../src/services/org.js";

export interface TestDb {
  db: Db;
  file: string;
  dir: string;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "giaoban-test-"));
  const file = join(dir, "bot.db");
  const db = await openDatabase(file);
  await ensureOrg(db, undefined);
  return {
    db,
    file,
    dir,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
