// A consistent copy of the database while the bot runs, with SQLite's online backup API (through
// better-sqlite3): pages are copied in steps and the copy restarts if a writer changes them.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { delivery as t } from "../messages/vi/delivery.js";

export class BackupError extends Error {}

export async function backupDatabase(databaseFile: string, target: string): Promise<void> {
  const source = resolve(databaseFile);
  if (!existsSync(source)) throw new BackupError(t.backupNoDatabase(source));
  if (resolve(target) === source) throw new BackupError(t.backupOntoItself);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 15_000 });
  try {
    await db.backup(target);
    // The copy holds the same personal data as the database.
    chmodSync(target, 0o600);
  } finally {
    db.close();
  }
}
