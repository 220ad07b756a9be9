// How the bot uses its one SQLite connection, under Prisma's better-sqlite3 adapter.
//
// - Turns. better-sqlite3 runs every statement synchronously, and Prisma awaits it in microtasks
//   only, so a run of statements never lets a timer or a socket in: each statement here first
//   yields to the event loop. The connection then needs turns: a transaction holds it from BEGIN
//   to COMMIT, and a statement from elsewhere waits for its end instead of slipping into it.
// - Writers take the write lock up front. Prisma begins transactions DEFERRED: one that reads,
//   then writes, fails at once with SQLITE_BUSY when another process (the CLI, a second bot) wrote
//   in between, and no busy_timeout helps it. So each transaction takes the lock before its first
//   read, as BEGIN IMMEDIATE does.
// - Waiting is asynchronous. SQLite's own busy wait sleeps on the calling thread, the bot's only
//   one; the connection never waits inside SQLite (busy_timeout 0), and a statement refused with
//   SQLITE_BUSY is tried again after a short pause, until the other process's writer is done.
import { setImmediate as yieldToEvents, setTimeout as pause } from "node:timers/promises";
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["executeRaw"]>[0];

/** How long a statement waits for another process's write transaction before it fails. */
export const WRITE_WAIT_MS = 15_000;
const MAX_PAUSE_MS = 50;

/** Changes nothing, but as a write it takes the lock (the table is always there: migrate.ts keeps it). */
const TAKE_WRITE_LOCK: Query = { sql: 'UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0', args: [], argTypes: [] };

const isBusy = (e: unknown): boolean =>
  String((e as { cause?: { originalCode?: unknown } }).cause?.originalCode ?? "").startsWith("SQLITE_BUSY");

/** Runs `statement` once the event loop had its turn, again while SQLite refuses it for a lock (which changed nothing). */
async function patiently<T>(statement: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, MAX_PAUSE_MS)) {
    await yieldToEvents();
    try {
      return await statement();
    } catch (e) {
      if (!isBusy(e) || Date.now() + wait > deadline) throw e;
    }
    await pause(wait);
  }
}

/** The connection's turns, in arrival order: `take` resolves with the function that ends the turn. */
function turns(): () => Promise<() => void> {
  let tail = Promise.resolve();
  return () => {
    let end!: () => void;
    const turn = new Promise<void>((resolve) => (end = resolve));
    const before = tail;
    tail = before.then(() => turn);
    return before.then(() => end);
  };
}

/** Statements that only read: a transaction that begins with one takes the write lock first. */
const READS = /^\s*(SELECT|WITH)\b/i;

/**
 * The transaction's statements yield and wait like any other; its end ends its turn. Its first
 * statement takes the write lock: a write takes it by itself, a read is preceded by a write that
 * changes nothing (the lock taken before anything was read, so no other writer can come between).
 */
function patchTransaction(tx: Transaction, endTurn: () => void): Transaction {
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  let locked = false;
  const lock = async (query: Query) => {
    if (!locked && READS.test(query.sql)) await patiently(() => executeRaw(TAKE_WRITE_LOCK));
    locked = true;
  };
  tx.queryRaw = async (query) => {
    await lock(query);
    return patiently(() => queryRaw(query));
  };
  tx.executeRaw = async (query) => {
    await lock(query);
    return patiently(() => executeRaw(query));
  };
  tx.commit = () => commit().finally(endTurn);
  tx.rollback = () => rollback().finally(endTurn);
  return tx;
}

function patch(adapter: Adapter): Adapter {
  const take = turns();
  const alone = async <T>(statement: () => Promise<T>): Promise<T> => {
    const endTurn = await take();
    try {
      return await patiently(statement);
    } finally {
      endTurn();
    }
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const begin = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query) => alone(() => queryRaw(query));
  adapter.executeRaw = (query) => alone(() => executeRaw(query));
  adapter.startTransaction = async (isolationLevel) => {
    const endTurn = await take();
    try {
      return patchTransaction(await begin(isolationLevel), endTurn);
    } catch (e) {
      endTurn();
      throw e;
    }
  };
  return adapter;
}

/** The adapter `factory`, whose connections work as described above. */
export function oneConnection(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patch(await connect());
  return factory;
}
