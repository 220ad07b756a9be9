// Applies prisma/migrations/*/migration.sql in order and records each in `_prisma_migrations`
// exactly as `prisma migrate deploy` does (same table, sha256 checksum of the file), so the Prisma
// CLI on a networked machine and this runner agree. Needs no Prisma engine binary.
import { createHash, randomUUID } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";

export const MIGRATIONS_DIR = join(import.meta.dirname, "..", "..", "prisma", "migrations");

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

/**
 * The database holds people's names and Telegram ids: readable and writable by its owner only.
 * SQLite creates the -wal and -shm files with the database file's mode; older files are fixed here.
 */
export function restrictToOwner(databaseFile: string): void {
  closeSync(openSync(databaseFile, "a", 0o600));
  chmodSync(databaseFile, 0o600);
  // SQLite gives new -wal and -shm files the database's mode; older ones are narrowed too. Another
  // process closing the database may remove them meanwhile.
  for (const file of [`${databaseFile}-wal`, `${databaseFile}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}

function listMigrations(dir: string): { name: string; sql: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name, "migration.sql"), "utf8") }));
}

/**
 * Applies the pending migrations to the SQLite file; returns the names it applied. All of it runs
 * in one IMMEDIATE transaction, which takes the write lock before reading what was applied: the
 * bot and the CLI starting at once on a new file wait for each other instead of both applying (or
 * failing on a lock upgrade, which SQLite does not wait for).
 */
export function applyMigrations(databaseFile: string, dir = MIGRATIONS_DIR): string[] {
  // The first run on a machine: the folder of the database file does not exist yet.
  mkdirSync(dirname(databaseFile), { recursive: true });
  restrictToOwner(databaseFile);
  const db = new Database(databaseFile, { timeout: 15_000 });
  try {
    // WAL is kept in the file: the bot and the CLI, opening it later, read while the other writes.
    db.pragma("journal_mode = WAL");
    // A migration that redefines tables copies rows between them: foreign keys are checked once,
    // at the end, not while a table is briefly missing (the switch is ignored inside a transaction).
    db.pragma("foreign_keys = OFF");
    return db
      .transaction(() => {
        db.exec(MIGRATIONS_TABLE);
        const done = new Map(
          (db.prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`).all() as {
            migration_name: string;
            checksum: string;
          }[]).map((r) => [r.migration_name, r.checksum]),
        );
        const applied: string[] = [];
        for (const { name, sql } of listMigrations(dir)) {
          const checksum = createHash("sha256").update(sql).digest("hex");
          if (done.has(name)) {
            if (done.get(name) !== checksum) throw new MigrationError(`Migration ${name} was changed after it was applied.`);
            continue;
          }
          const startedAt = new Date().toISOString();
          db.exec(sql);
          db.prepare(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(randomUUID(), checksum, new Date().toISOString(), name, startedAt);
          applied.push(name);
        }
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new MigrationError(`Migrations left ${broken.length} broken references: ${JSON.stringify(broken.slice(0, 3))}`);
        return applied;
      })
      .immediate();
  } finally {
    db.close();
  }
}
