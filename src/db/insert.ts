// Many rows at once, as plain multi-row INSERT statements (or upserts). Prisma 7's createMany runs
// every value through its query compiler: about a millisecond of the event loop per row of text
// (5,000 tasks took 13 s), where the same rows as raw statements take a few microseconds each. The
// statement is one flat Prisma.Sql, in SQL PostgreSQL reads too (it coerces an INSERT's VALUES to
// the columns' types, enums included). Pass every column the schema fills in itself (createdAt,
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
 * each went through Prisma's parameter serialization and back: a fifth of a large import's time.
 */
const storedDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * A column's value written into the statement itself when every row of the batch has the same
 * number, boolean, null or date (a task's cycle, its creation time): half an import's values are
 * such, and each bound one costs Prisma a serialization and a copy. Never text, which is bound.
 */
function sharedLiteral(rows: Record<string, Value>[], column: string): string | undefined {
  const first = rows[0]![column] ?? null;
  const same = (v: Value) => v === first || (v instanceof Date && first instanceof Date && v.getTime() === first.getTime());
  if (!rows.every((row) => same(row[column] ?? null))) return undefined;
  if (first === null) return "NULL";
  if (typeof first === "boolean") return first ? "TRUE" : "FALSE";
  if (typeof first === "number" && Number.isFinite(first)) return String(first);
  if (first instanceof Date) return `'${storedDate(first)}'`;
  return undefined;
}

interface Options<R> {
  /** Columns of each new row to return. */
  returning?: readonly (keyof R & string)[];
  /** A unique column: a row whose value is stored already updates that row instead (its other columns). */
  upsertOn?: string;
}

function statement(table: string, columns: readonly string[], rows: Record<string, Value>[], returning: readonly string[], upsertOn?: string): Prisma.Sql {
  const quoted = (names: readonly string[]) => names.map((c) => `"${c}"`).join(", ");
  const literals = columns.map((column) => sharedLiteral(rows, column));
  const strings: string[] = [];
  const values: Value[] = [];
  let text = `INSERT INTO "${table}" (${quoted(columns)}) VALUES (`;
  rows.forEach((row, r) =>
    columns.forEach((column, c) => {
      if (r > 0 || c > 0) text += c === 0 ? "), (" : ", ";
      if (literals[c] !== undefined) {
        text += literals[c];
        return;
      }
      strings.push(text);
      text = "";
      const value = row[column] ?? null;
      values.push(value instanceof Date ? storedDate(value) : value);
    }),
  );
  const upsert = upsertOn ? ` ON CONFLICT ("${upsertOn}") DO UPDATE SET ${columns.filter((c) => c !== upsertOn).map((c) => `"${c}" = excluded."${c}"`).join(", ")}` : "";
  strings.push(`${text})${upsert}${returning.length ? ` RETURNING ${quoted(returning)}` : ""}`);
  return new Prisma.Sql(strings, values);
}

/**
 * Inserts `rows` (all with the same columns) into `table`, a few thousand values a statement, and
 * returns the `returning` columns of each row (none by default), in no particular order (SQLite
 * does not promise one): return a column that tells the rows apart.
 */
export async function insertRows<R extends Record<string, unknown> = never>(tx: Tx, table: string, rows: Record<string, Value>[], options: Options<R> = {}): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const found: R[] = [];
  for (const batch of chunks(rows, Math.max(1, Math.floor(MAX_VALUES / columns.length)))) {
    found.push(...(await tx.$queryRaw<R[]>(statement(table, columns, batch, options.returning ?? [], options.upsertOn))));
  }
  return found;
}
