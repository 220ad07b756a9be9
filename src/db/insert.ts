// Many rows at once, as plain multi-row INSERT statements. Prisma 7's createMany runs every value
// through its query compiler: about a millisecond of the event loop per row of text (5,000 tasks
// took 13 s), where the same rows as raw statements take a few microseconds each. The statement is
// one flat Prisma.Sql, so its placeholders suit PostgreSQL as well (whose enum columns will want a
// cast). Values are written as given: pass every column the schema fills in itself (createdAt,
// updatedAt), so the stored form is Prisma's own.
import { Prisma } from "../generated/prisma/client.js";
import { chunks } from "./batches.js";
import type { Db } from "./client.js";

type Tx = Db | Prisma.TransactionClient;
export type Value = string | number | boolean | Date | Uint8Array | null;

/**
 * Values bound in one statement at most: well under the bundled SQLite's 32,766 and PostgreSQL's
 * 65,535, and short enough to hold the event loop a few milliseconds. Fewer, larger statements
 * took a 5,000-task import from about 200 to 150 ms.
 */
const MAX_VALUES = 5_000;

/**
 * A date as the better-sqlite3 adapter stores it (its default iso8601 format). Bound as a Date,
 * each of thousands of equal timestamps went through Prisma's parameter serialization and back:
 * a fifth of a large import's time.
 */
const storedDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

function statement(table: string, columns: readonly string[], rows: Record<string, Value>[], returning: readonly string[]): Prisma.Sql {
  const quoted = (names: readonly string[]) => names.map((c) => `"${c}"`).join(", ");
  const dates = new Map<Date, string>();
  const bound = (value: Value) => {
    if (!(value instanceof Date)) return value;
    let text = dates.get(value);
    if (text === undefined) dates.set(value, (text = storedDate(value)));
    return text;
  };
  const strings = [`INSERT INTO "${table}" (${quoted(columns)}) VALUES (`];
  const values: Value[] = [];
  rows.forEach((row, r) =>
    columns.forEach((column, c) => {
      if (r > 0 || c > 0) strings.push(c === 0 ? "), (" : ", ");
      values.push(bound(row[column] ?? null));
    }),
  );
  strings.push(returning.length ? `) RETURNING ${quoted(returning)}` : ")");
  return new Prisma.Sql(strings, values);
}

/**
 * Inserts `rows` (all with the same columns) into `table`, a few thousand values a statement, and
 * returns the `returning` columns of each new row (none by default), in no particular order
 * (SQLite does not promise one): return a column that tells the rows apart.
 */
export async function insertRows<R extends Record<string, unknown> = never>(tx: Tx, table: string, rows: Record<string, Value>[], returning: readonly (keyof R & string)[] = []): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const found: R[] = [];
  for (const batch of chunks(rows, Math.max(1, Math.floor(MAX_VALUES / columns.length)))) {
    found.push(...(await tx.$queryRaw<R[]>(statement(table, columns, batch, returning))));
  }
  return found;
}
