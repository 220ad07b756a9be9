// Many rows at once, as plain multi-row INSERT statements. Prisma 7's createMany runs every value
// through its query compiler: about a millisecond of the event loop per row of text (5,000 tasks
// took 13 s), where the same rows as raw statements take a few microseconds each. The placeholders
// come from Prisma.sql, so the statements suit PostgreSQL as well (whose enum columns will want a
// cast). Values are written as given: pass every column the schema fills in itself (createdAt,
// updatedAt), so the stored form is Prisma's own.
import { Prisma } from "../generated/prisma/client.js";
import { chunks } from "./batches.js";
import type { Db } from "./client.js";

type Tx = Db | Prisma.TransactionClient;
export type Value = string | number | boolean | Date | null;

/** Values bound in one statement at most: SQLite's default limit is 999. */
const MAX_VALUES = 900;

function statement(table: string, rows: Record<string, Value>[], returning: readonly string[]): Prisma.Sql {
  const columns = Object.keys(rows[0]!);
  const quoted = (names: readonly string[]) => Prisma.raw(names.map((c) => `"${c}"`).join(", "));
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`));
  const insert = Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${quoted(columns)}) VALUES ${values}`;
  return returning.length ? Prisma.sql`${insert} RETURNING ${quoted(returning)}` : insert;
}

/**
 * Inserts `rows` (all with the same columns) into `table`, a few hundred values a statement, and
 * returns the `returning` columns of each new row (none by default), in no particular order
 * (SQLite does not promise one): return a column that tells the rows apart.
 */
export async function insertRows<R extends Record<string, unknown> = never>(tx: Tx, table: string, rows: Record<string, Value>[], returning: readonly (keyof R & string)[] = []): Promise<R[]> {
  if (rows.length === 0) return [];
  const perStatement = Math.max(1, Math.floor(MAX_VALUES / Object.keys(rows[0]!).length));
  const found: R[] = [];
  for (const batch of chunks(rows, perStatement)) found.push(...(await tx.$queryRaw<R[]>(statement(table, batch, returning))));
  return found;
}
