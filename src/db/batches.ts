// Lists bound into one statement are cut in batches: SQLite binds at most 999 values a statement
// (Prisma refuses more with P2029), and a department may have a thousand units or members.
export const BIND_BATCH = 500;

export const chunks = <T>(items: readonly T[], size = BIND_BATCH): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Rows created a statement at a time: Prisma spends 0.1–0.4 ms of the event loop on each row it
 * writes, and the connection lets other work in between statements (see connection.ts).
 */
export const WRITE_BATCH = 100;
