import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask } from "../../src/db/briefings.js";
import { addNote, cancelTask, changeDeadline, findTask, recordStatus, taskHistory, toView } from "../../src/db/tasks.js";
import { vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

/** When the task was added; the changes below come later. */
const CREATED = vnTime("2024-12-04 09:00");

let t: TestDb;
let headId: number;
let secretaryId: number;
let taskId: number;

beforeEach(async () => {
  t = await createTestDb();
  const qlkh = await t.db.unit.findUniqueOrThrow({ where: { code: "QLKH" } });
  headId = (await t.db.member.create({ data: { telegramUserId: "101", chatId: "101", name: "Trần Văn Bình", role: "unit_head", unitId: qlkh.id } })).id;
  secretaryId = (await t.db.member.create({ data: { telegramUserId: "500", chatId: "500", name: "Lê Thị Thư", role: "secretary" } })).id;
  const task = await addTask(t.db, {
    month: "2024-12", unitCode: "QLKH", content: "Tham mưu phê duyệt danh mục nhiệm vụ KH&CN năm 2025", deadline: "2024-12-31", deadlineStated: false, memberId: secretaryId, at: CREATED,
  });
  taskId = task.id;
});
afterEach(async () => {
  await t.close();
});

async function view() {
  const row = await findTask(t.db, taskId);
  if (!row) throw new Error("task gone");
  return toView(row);
}

describe("task status changes", () => {
  it("done sets the day it was done; going back to in progress clears it", async () => {
    await recordStatus(t.db, { taskId, memberId: headId, status: "done", today: "2024-12-18", at: vnTime("2024-12-18 10:00") });
    expect(await view()).toMatchObject({ status: "done", doneOn: "2024-12-18", note: null });

    await recordStatus(t.db, { taskId, memberId: headId, status: "in_progress", note: "Còn thiếu ý kiến của Sở Tài chính", today: "2024-12-19", at: vnTime("2024-12-19 10:00") });
    expect(await view()).toMatchObject({ status: "in_progress", doneOn: null, note: "Còn thiếu ý kiến của Sở Tài chính" });

    // Done again later: the new day, and the note stays when none is given.
    await recordStatus(t.db, { taskId, memberId: headId, status: "done", today: "2024-12-23", at: vnTime("2024-12-23 10:00") });
    expect(await view()).toMatchObject({ status: "done", doneOn: "2024-12-23", note: "Còn thiếu ý kiến của Sở Tài chính" });
  });

  it("keeps every change in order, with who made it and when", async () => {
    await recordStatus(t.db, { taskId, memberId: headId, status: "in_progress", note: "Đã gửi dự thảo", today: "2024-12-05", at: vnTime("2024-12-05 08:30") });
    await recordStatus(t.db, { taskId, memberId: headId, status: "blocked", note: "Chờ ý kiến UBND tỉnh", today: "2024-12-10", at: vnTime("2024-12-10 14:00") });
    await addNote(t.db, { taskId, memberId: headId, note: "UBND tỉnh hẹn trả lời ngày 16/12", at: vnTime("2024-12-11 09:15") });
    await changeDeadline(t.db, { taskId, memberId: secretaryId, deadline: "2025-01-10", at: vnTime("2024-12-16 16:40") });
    await recordStatus(t.db, { taskId, memberId: headId, status: "done", today: "2025-01-08", at: vnTime("2025-01-08 11:05") });

    const history = await taskHistory(t.db, taskId);
    expect(history.map((u) => [u.kind, u.status, u.note, u.member?.name ?? null])).toEqual([
      ["created", "open", null, "Lê Thị Thư"],
      ["in_progress", "in_progress", "Đã gửi dự thảo", "Trần Văn Bình"],
      ["blocked", "blocked", "Chờ ý kiến UBND tỉnh", "Trần Văn Bình"],
      ["note", "blocked", "UBND tỉnh hẹn trả lời ngày 16/12", "Trần Văn Bình"],
      ["deadline", "blocked", "2024-12-31 → 2025-01-10", "Lê Thị Thư"],
      ["done", "done", null, "Trần Văn Bình"],
    ]);
    // Stamped with the time each change was made at by the app's clock, not the database's.
    expect(history.map((u) => u.createdAt)).toEqual([
      CREATED,
      vnTime("2024-12-05 08:30"),
      vnTime("2024-12-10 14:00"),
      vnTime("2024-12-11 09:15"),
      vnTime("2024-12-16 16:40"),
      vnTime("2025-01-08 11:05"),
    ]);
  });

  it("recording the same status twice appends one update, one after the other or at once (double tap)", async () => {
    const done = { taskId, memberId: headId, status: "done", today: "2024-12-18" } as const;
    expect(await recordStatus(t.db, { ...done, at: vnTime("2024-12-18 10:00") })).toBe(true);
    expect(await recordStatus(t.db, { ...done, today: "2024-12-19", at: vnTime("2024-12-19 10:00") })).toBe(false);
    expect(await view()).toMatchObject({ status: "done", doneOn: "2024-12-18" });
    expect((await taskHistory(t.db, taskId)).map((u) => [u.kind, u.createdAt])).toEqual([
      ["created", CREATED],
      ["done", vnTime("2024-12-18 10:00")],
    ]);

    const blocked = { taskId, memberId: headId, status: "blocked", today: "2024-12-20", at: vnTime("2024-12-20 10:00") } as const;
    const results = await Promise.all([recordStatus(t.db, blocked), recordStatus(t.db, blocked)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await view()).toMatchObject({ status: "blocked", doneOn: null });
    expect((await taskHistory(t.db, taskId)).map((u) => u.kind)).toEqual(["created", "done", "blocked"]);
  });

  it("a note keeps the status and replaces the task's note", async () => {
    await recordStatus(t.db, { taskId, memberId: headId, status: "in_progress", note: "Bắt đầu", today: "2024-12-05", at: vnTime("2024-12-05 10:00") });
    await addNote(t.db, { taskId, memberId: headId, note: "Đã họp với Phòng HCTH", at: vnTime("2024-12-06 10:00") });
    expect(await view()).toMatchObject({ status: "in_progress", note: "Đã họp với Phòng HCTH", doneOn: null });
  });

  it("changing the deadline makes it a stated one and records old → new", async () => {
    expect(await view()).toMatchObject({ deadline: "2024-12-31", deadlineStated: false });
    await changeDeadline(t.db, { taskId, memberId: secretaryId, deadline: "2025-01-15", at: vnTime("2024-12-12 10:00") });
    expect(await view()).toMatchObject({ deadline: "2025-01-15", deadlineStated: true, status: "open" });
    await changeDeadline(t.db, { taskId, memberId: secretaryId, deadline: "2025-01-20", kind: "extension", at: vnTime("2024-12-13 10:00") });
    expect(await view()).toMatchObject({ deadline: "2025-01-20", deadlineStated: true });

    const history = await taskHistory(t.db, taskId);
    expect(history.slice(1).map((u) => [u.kind, u.status, u.note, u.memberId])).toEqual([
      ["deadline", "open", "2024-12-31 → 2025-01-15", secretaryId],
      ["extension", "open", "2025-01-15 → 2025-01-20", secretaryId],
    ]);
  });

  it("cancelling sets the status and is recorded", async () => {
    await cancelTask(t.db, { taskId, memberId: secretaryId, at: vnTime("2024-12-14 10:00") });
    expect(await view()).toMatchObject({ status: "cancelled", doneOn: null });
    const history = await taskHistory(t.db, taskId);
    expect(history.map((u) => [u.kind, u.status, u.memberId])).toEqual([
      ["created", "open", secretaryId],
      ["cancelled", "cancelled", secretaryId],
    ]);
  });
});

describe("whether the unit reported", () => {
  it("is false for a fresh task and after the secretary's own edits", async () => {
    expect((await view()).reported).toBe(false);
    await changeDeadline(t.db, { taskId, memberId: secretaryId, deadline: "2025-01-15", at: vnTime("2024-12-12 10:00") });
    expect((await view()).reported).toBe(false);
    await cancelTask(t.db, { taskId, memberId: secretaryId, at: vnTime("2024-12-14 10:00") });
    expect((await view()).reported).toBe(false);
  });

  it.each([
    ["done", "done"],
    ["in progress", "in_progress"],
    ["blocked", "blocked"],
  ] as const)("is true after a status (%s)", async (_label, status) => {
    await recordStatus(t.db, { taskId, memberId: headId, status, today: "2024-12-10", at: vnTime("2024-12-10 10:00") });
    expect((await view()).reported).toBe(true);
  });

  it("is true after a note", async () => {
    await addNote(t.db, { taskId, memberId: headId, note: "Đang chuẩn bị hồ sơ", at: vnTime("2024-12-06 10:00") });
    expect((await view()).reported).toBe(true);
  });

  it("is true after an extension request changed the deadline", async () => {
    await changeDeadline(t.db, { taskId, memberId: headId, deadline: "2025-01-15", kind: "extension", at: vnTime("2024-12-12 10:00") });
    expect((await view()).reported).toBe(true);
  });

  it("toView gives the unit code and every field the reminders and the summary use", async () => {
    expect(await view()).toEqual({
      id: taskId,
      unitCode: "QLKH",
      content: "Tham mưu phê duyệt danh mục nhiệm vụ KH&CN năm 2025",
      deadline: "2024-12-31",
      deadlineStated: false,
      status: "open",
      note: null,
      doneOn: null,
      reported: false,
    });
  });
});
