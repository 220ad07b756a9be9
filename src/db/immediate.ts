// Writers take SQLite's write lock up front and wait for it without blocking the event loop.
//
// Prisma's better-sqlite3 adapter begins transactions DEFERRED: one that reads, then writes, fails
// at once with SQLITE_BUSY when another process (the CLI, a second bot) wrote in between, and no
// busy_timeout helps it. And SQLite's own busy wait sleeps on the calling thread, which is the bot's
// only one. So the connection never waits inside SQLite (busy_timeout 0): each transaction takes
// the write lock with its first statement, as BEGIN IMMEDIATE does, and a statement refused with
// SQLITE_BUSY is tried again after a short async pause, until the other writer is done.
import { setTimeout as pause } from "node:timers/promises";
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Query = Parameters<Adapter["executeRaw"]>[0];

/** How long a statement waits for another process's write transaction before it fails. */
export const WRITE_WAIT_MS = 15_000;
const MAX_PAUSE_MS = 50;

/** Changes nothing, but as a write it takes the lock (the table is always there: migrate.ts keeps it). */
const TAKE_WRITE_LOCK: Query = { sql: 'UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0', args: [], argTypes: [] };
const ROLLBACK: Query = { sql: "ROLLBACK", args: [], argTypes: [] };

const isBusy = (e: unknown): boolean =>
  String((e as { cause?: { originalCode?: unknown } }).cause?.originalCode ?? "").startsWith("SQLITE_BUSY");

/** Runs `statement` until SQLite takes it; a refusal for a lock changed nothing, so trying again is safe. */
async function patiently<T>(statement: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, MAX_PAUSE_MS)) {
    try {
      return await statement();
    } catch (e) {
      if (!isBusy(e) || Date.now() + wait > deadline) throw e;
    }
    await pause(wait);
  }
}

function patch(adapter: Adapter): Adapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const begin = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query) => patiently(() => queryRaw(query));
  adapter.executeRaw = (query) => patiently(() => executeRaw(query));
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await begin(isolationLevel);
    try {
      await patiently(() => tx.executeRaw(TAKE_WRITE_LOCK));
      return tx;
    } catch (e) {
      await tx.executeRaw(ROLLBACK).finally(() => tx.rollback());
      throw e;
    }
  };
  return adapter;
}

/** The adapter `factory`, whose connections take the write lock up front and wait for it asynchronously. */
export function immediateWriters(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patch(await connect());
  return factory;
}
