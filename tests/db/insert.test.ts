// Bulk rows written by insertRows read back exactly as rows Prisma wrote itself: the same stored
// text for a date, the same booleans, numbers, nulls and text, whether bound or written into the
// statement (a value every row shares), across the several statements a large batch takes.
import { afterEach, beforeEach, expect, it } from "vitest";
import { insertRows } from "../../src/db/insert.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
beforeEach(async () => (t = await createTestDb()));
afterEach(async () => t.close());

it("stores 1,500 tasks over several statements as Prisma stores one, and returns each new row's id", async () => {
  const { db } = t;
  const cycle = await db.cycle.create({ data: { key: "2024-12", kind: "month", start: "2024-12-01", end: "2024-12-31" } });
  const at = new Date("2024-12-04T03:04:05.678Z");
  const task = (position: number) => ({ cycleId: cycle.id, position, content: `Nhiệm vụ số ${position}: báo cáo “quý IV” 'O''Neil'`, deadline: "2024-12-20", deadlineStated: position % 2 === 0, source: null, createdAt: at });

  const byPrisma = await db.task.create({ data: task(0) });
  const returned = await insertRows<{ id: bigint; position: bigint }>(db, "Task", Array.from({ length: 1500 }, (_, i) => task(i + 1)), { returning: ["id", "position"] });

  expect(returned).toHaveLength(1500);
  const rows = await db.task.findMany({ where: { cycleId: cycle.id }, orderBy: { position: "asc" } });
  expect(rows).toHaveLength(1501);
  expect(new Map(returned.map((r) => [Number(r.position), Number(r.id)]))).toEqual(new Map(rows.slice(1).map((r) => [r.position, r.id])));
  for (const row of [rows[1]!, rows[2]!, rows[1500]!]) {
    expect(row).toMatchObject({ ...task(row.position), createdAt: at });
  }
  // Every row of this batch shares its boolean, its null and its date.
  await insertRows(db, "Task", [task(1502), task(1504)]);
  expect(await db.task.findMany({ where: { position: { gt: 1500 } }, orderBy: { position: "asc" } })).toMatchObject([task(1502), task(1504)]);

  const stored = await db.$queryRaw<{ createdAt: string }[]>`SELECT DISTINCT CAST("createdAt" AS TEXT) AS "createdAt" FROM "Task"`;
  expect(stored).toEqual([{ createdAt: (await db.$queryRaw<{ createdAt: string }[]>`SELECT CAST("createdAt" AS TEXT) AS "createdAt" FROM "Task" WHERE "id" = ${byPrisma.id}`)[0]!.createdAt }]);
});
