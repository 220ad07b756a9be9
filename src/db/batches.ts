// Lists bound into one statement are cut in batches: SQLite binds at most 999 values a statement
// (Prisma refuses more with P2029), and a department may have a thousand units or members.
export const BIND_BATCH = 500;

export const chunks = <T>(items: readonly T[], size = BIND_BATCH): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
