// Opens the database: creates the file's folder, applies the migrations, then the Prisma client
// over better-sqlite3 (no Rust engine).
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";
import { applyMigrations } from "./migrate.js";

export type Db = PrismaClient;

export async function openDatabase(databaseFile: string): Promise<Db> {
  const file = resolve(databaseFile);
  mkdirSync(dirname(file), { recursive: true });
  applyMigrations(file);
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}` }) });
  // WAL lets the CLI read while the bot writes; busy_timeout waits for the other writer.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}
