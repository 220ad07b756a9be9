// A database written by version 0.1 (one task row per unit) migrates in place: the per-unit copies
// of one directive become one task, each copy that unit's part, nothing lost.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/db/client.js";
import { findTask, taskHistory, toTaskView } from "../../src/db/tasks.js";
import { taskStatus } from "../../src/domain/tasks.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "db", "v0.1.db");

let db: Db;
/** The old rows, read straight from the fixture before migrating. */
let old: {
  tasks: { id: number; briefingId: number; unitId: number; position: number; content: string; status: string; note: string | null; doneOn: string | null; deadline: string }[];
  updates: { id: number; taskId: number; kind: string; note: string | null; memberId: number | null }[];
};

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), "mig01-")), "bot.db");
  copyFileSync(FIXTURE, file);
  const raw = new Database(file, { readonly: true });
  old = { tasks: raw.prepare("SELECT * FROM Task").all() as never, updates: raw.prepare("SELECT * FROM StatusUpdate").all() as never };
  raw.close();
  db = await openDatabase(file);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("migrating a version 0.1 database", () => {
  it("turns the copies of one directive into one task with a part per unit", async () => {
    const groups = new Set(old.tasks.map((r) => `${r.briefingId}|${r.position}|${r.content}`));
    expect(old.tasks).toHaveLength(118);
    expect(await db.task.count()).toBe(groups.size);
    expect(await db.taskPart.count()).toBe(old.tasks.length);
    const december = await db.task.count({ where: { cycle: { key: "2024-12" } } });
    expect(december).toBe(25); // the seed's 24 directives and one added by hand
  });

  it("keeps every copy's status, note, day done and deadline on that unit's part, under its id", async () => {
    const parts = await db.taskPart.findMany();
    const byId = new Map(parts.map((p) => [p.id, p]));
    for (const row of old.tasks) {
      expect(byId.get(row.id)).toMatchObject({ unitId: row.unitId, status: row.status, note: row.note, doneOn: row.doneOn, deadline: row.deadline, role: "lead" });
    }
  });

  it("keeps the shared directive's states apart: December's part done, the others carried into January with theirs", async () => {
    const qlkhDone = old.tasks.find((r) => r.status === "done")!;
    const december = (await findTask(db, (await db.taskPart.findUniqueOrThrow({ where: { id: qlkhDone.id } })).taskId))!;
    expect(december.parts.map((p) => [p.unit.code, p.status])).toEqual([
      ["QLKH", "done"], ["HCTH", "carried_over"], ["QLCN", "carried_over"], ["TTRA", "carried_over"], ["TTUD", "carried_over"],
    ]);
    // Only the responsible parts still in December count there: its one part left is done.
    expect(taskStatus(toTaskView(december))).toBe("done");
    const january = (await findTask(db, (await db.task.findFirstOrThrow({ where: { carriedFromId: december.id } })).id))!;
    expect(january.parts.map((p) => [p.unit.code, p.status, p.note])).toEqual([
      ["HCTH", "in_progress", "Đã trình dự thảo kế hoạch"], ["QLCN", "blocked", "Chờ ý kiến UBND tỉnh"], ["TTRA", "open", null], ["TTUD", "open", null],
    ]);
    expect(taskStatus(toTaskView(january))).toBe("blocked");
  });

  it("keeps every history row, on the right task and part, deadline changes as old → new", async () => {
    const events = await db.taskEvent.findMany({ include: { part: true } });
    expect(events).toHaveLength(old.updates.length);
    for (const u of old.updates) {
      const e = events.find((x) => x.id === u.id)!;
      expect(e.partId).toBe(u.taskId);
      expect(e.taskId).toBe(e.part!.taskId);
      expect([e.kind, e.memberId]).toEqual([u.kind, u.memberId]);
    }
    const approved = events.find((e) => e.kind === "extension_approved")!;
    expect([approved.oldValue, approved.newValue]).toEqual(["2024-12-25", "2024-12-30"]);
    expect((await taskHistory(db, approved.taskId)).map((h) => h.kind)).toContain("extension");
  });

  it("keeps the reminder's listed tasks and the extension request on the parts", async () => {
    const items = await db.deliveryItem.findMany({ orderBy: { number: "asc" } });
    expect(items.map((i) => [i.number, i.reason])).toEqual([[1, "due_soon"], [2, "overdue"]]);
    const request = await db.extensionRequest.findFirstOrThrow({ include: { part: { include: { unit: true } } } });
    expect([request.state, request.requestedOn, request.part.unit.code, request.part.deadline]).toEqual(["approved", "2024-12-30", "HCTH", "2024-12-30"]);
  });

  it("closes December, keeps January open, and links carried tasks to where they came from", async () => {
    const cycles = await db.cycle.findMany({ orderBy: { key: "asc" } });
    expect(cycles.map((c) => [c.key, c.state, c.start, c.end])).toEqual([
      ["2024-12", "closed", "2024-12-01", "2024-12-31"],
      ["2025-01", "open", "2025-01-01", "2025-01-31"],
    ]);
    const carried = await db.task.findMany({ where: { carriedFromId: { not: null } }, include: { carriedFrom: true, cycle: true } });
    expect(carried.length).toBeGreaterThan(0);
    for (const t of carried) expect([t.cycle.key, t.carriedFrom!.content]).toEqual(["2025-01", t.content]);
  });
});
