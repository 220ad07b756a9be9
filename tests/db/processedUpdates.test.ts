// The record of handled updates stays a week, then is pruned.
import { afterEach, beforeEach, expect, it } from "vitest";
import { admitUpdate, finishUpdate, pruneProcessedUpdates } from "../../src/db/processedUpdates.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t.close());

it("keeps handled updates for 7 days, then prunes them", async () => {
  const day = (d: number) => new Date(Date.UTC(2024, 11, d, 2));
  for (const [id, d] of [[1, 1], [2, 5], [3, 8]] as const) {
    await admitUpdate(t.db, id, day(d));
    await finishUpdate(t.db, id, "done", day(d));
  }
  expect(await pruneProcessedUpdates(t.db, day(10))).toBe(1);
  expect((await t.db.processedUpdate.findMany()).map((r) => r.updateId)).toEqual([2, 3]);
  // A pruned update arriving again is handled as new; a kept one is skipped.
  expect(await admitUpdate(t.db, 1, day(10))).toEqual({ handle: true, attempt: 1 });
  expect(await admitUpdate(t.db, 2, day(10))).toEqual({ handle: false, drop: false });
});
