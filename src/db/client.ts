// Opens the database: applies the migrations (which create the file, its folder and WAL mode), then
// the Prisma client over better-sqlite3 (no Rust engine).
import { resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";
import { oneConnection, WRITE_WAIT_MS } from "./connection.js";
import { applyMigrations } from "./migrate.js";

export type Db = PrismaClient;

export async function openDatabase(databaseFile: string): Promise<Db> {
  const file = resolve(databaseFile);
  applyMigrations(file);
  const db = new PrismaClient({
    adapter: oneConnection(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 0 })),
    // Beginning a transaction may wait for another process's writer (see connection.ts).
    transactionOptions: { maxWait: WRITE_WAIT_MS + 1000, timeout: 30_000 },
  });
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}
