import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask } from "../../src/db/cycles.js";
import { decideExtension, requestExtension } from "../../src/db/extensions.js";
import { addNote, cancelTask, changeDeadline, changeStatus, editContent, findPart, findTask, taskHistory, toPartView, toTaskView } from "../../src/db/tasks.js";
import { monthPeriod } from "../../src/domain/cycles.js";
import { taskStatus } from "../../src/domain/tasks.js";
import { vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

/** When the task was added; the changes below come later. */
const CREATED = vnTime("2024-12-04 09:00");

let t: TestDb;
let headId: number;
let secretaryId: number;
let taskId: number;
let partId: number;

beforeEach(async () => {
  t = await createTestDb();
  const qlkh = await t.db.unit.findUniqueOrThrow({ where: { code: "QLKH" } });
  headId = (await t.db.member.create({ data: { telegramUserId: "101", chatId: "101", name: "Trần Văn Bình", role: "unit_head", unitId: qlkh.id } })).id;
  secretaryId = (await t.db.member.create({ data: { telegramUserId: "500", chatId: "500", name: "Lê Thị Thư", role: "secretary" } })).id;
  taskId = await addTask(t.db, {
    period: monthPeriod("2024-12"), lead: ["QLKH"], support: [], content: "Tham mưu phê duyệt danh mục nhiệm vụ KH&CN năm 2025",
    deadline: "2024-12-31", deadlineStated: false, memberId: secretaryId, at: CREATED,
  });
  partId = (await t.db.taskPart.findFirstOrThrow({ where: { taskId } })).id;
});
afterEach(async () => {
  await t.close();
});

async function view() {
  const row = await findPart(t.db, partId);
  if (!row) throw new Error("part gone");
  return toPartView(row);
}

describe("a unit's part: status changes", () => {
  it("done sets the day it was done; going back to in progress clears it", async () => {
    await changeStatus(t.db, { partId, memberId: headId, status: "done", today: "2024-12-18", at: vnTime("2024-12-18 10:00") });
    expect(await view()).toMatchObject({ status: "done", doneOn: "2024-12-18", note: null });

    await changeStatus(t.db, { partId, memberId: headId, status: "in_progress", note: "Còn thiếu ý kiến của Sở Tài chính", today: "2024-12-19", at: vnTime("2024-12-19 10:00") });
    expect(await view()).toMatchObject({ status: "in_progress", doneOn: null, note: "Còn thiếu ý kiến của Sở Tài chính" });

    // Done again later: the new day, and the note stays when none is given.
    await changeStatus(t.db, { partId, memberId: headId, status: "done", today: "2024-12-23", at: vnTime("2024-12-23 10:00") });
    expect(await view()).toMatchObject({ status: "done", doneOn: "2024-12-23", note: "Còn thiếu ý kiến của Sở Tài chính" });
  });

  it("keeps every change in order, with who made it, when, and old → new", async () => {
    await changeStatus(t.db, { partId, memberId: headId, status: "in_progress", note: "Đã gửi dự thảo", today: "2024-12-05", at: vnTime("2024-12-05 08:30") });
    await changeStatus(t.db, { partId, memberId: headId, status: "blocked", note: "Chờ ý kiến UBND tỉnh", today: "2024-12-10", at: vnTime("2024-12-10 14:00") });
    await addNote(t.db, { partId, memberId: headId, note: "UBND tỉnh hẹn trả lời ngày 16/12", at: vnTime("2024-12-11 09:15") });
    await changeDeadline(t.db, { taskId, memberId: secretaryId, deadline: "2025-01-10", includeExtended: false, at: vnTime("2024-12-16 16:40") });
    await editContent(t.db, { taskId, memberId: secretaryId, content: "Tham mưu phê duyệt danh mục nhiệm vụ năm 2025", at: vnTime("2024-12-17 09:00") });
    await changeStatus(t.db, { partId, memberId: headId, status: "done", today: "2025-01-08", at: vnTime("2025-01-08 11:05") });

    const history = await taskHistory(t.db, taskId);
    expect(history.map((u) => [u.kind, u.status, u.note, u.oldValue, u.newValue, u.member?.name ?? null])).toEqual([
      ["created", null, null, null, null, "Lê Thị Thư"],
      ["in_progress", "in_progress", "Đã gửi dự thảo", null, null, "Trần Văn Bình"],
      ["blocked", "blocked", "Chờ ý kiến UBND tỉnh", null, null, "Trần Văn Bình"],
      ["note", "blocked", "UBND tỉnh hẹn trả lời ngày 16/12", null, null, "Trần Văn Bình"],
      ["deadline", null, null, "2024-12-31", "2025-01-10", "Lê Thị Thư"],
      ["content", null, null, "Tham mưu phê duyệt danh mục nhiệm vụ KH&CN năm 2025", "Tham mưu phê duyệt danh mục nhiệm vụ năm 2025", "Lê Thị Thư"],
      ["done", "done", null, null, null, "Trần Văn Bình"],
    ]);
    // Stamped with the time each change was made at by the app's clock, not the database's.
    expect(history[0]!.createdAt).toEqual(CREATED);
    expect(history.at(-1)!.createdAt).toEqual(vnTime("2025-01-08 11:05"));
  });

  it("recording the same status twice appends one event, one after the other or at once (double tap)", async () => {
    const done = { partId, memberId: headId, status: "done", today: "2024-12-18" } as const;
    expect(await changeStatus(t.db, { ...done, at: vnTime("2024-12-18 10:00") })).toEqual({ status: "done", doneOn: "2024-12-18", note: null, reported: true });
    expect(await changeStatus(t.db, { ...done, today: "2024-12-19", at: vnTime("2024-12-19 10:00") })).toBeNull();
    expect(await view()).toMatchObject({ status: "done", doneOn: "2024-12-18" });

    const blocked = { partId, memberId: headId, status: "blocked", today: "2024-12-20", at: vnTime("2024-12-20 10:00") } as const;
    const results = await Promise.all([changeStatus(t.db, blocked), changeStatus(t.db, blocked)]);
    expect(results.map((r) => r !== null).sort()).toEqual([false, true]);
    expect((await taskHistory(t.db, taskId)).map((u) => u.kind)).toEqual(["created", "done", "blocked"]);
  });

  it("cancelling the task cancels its unfinished parts, once", async () => {
    expect(await cancelTask(t.db, { taskId, memberId: secretaryId, at: vnTime("2024-12-14 10:00") })).toBe(true);
    expect(await cancelTask(t.db, { taskId, memberId: secretaryId, at: vnTime("2024-12-14 10:01") })).toBe(false);
    expect(await view()).toMatchObject({ status: "cancelled" });
    expect((await taskHistory(t.db, taskId)).map((u) => u.kind)).toEqual(["created", "cancelled"]);
  });

  it("is reported once the unit sent a status, a note or an extension request, not after staff edits", async () => {
    await changeDeadline(t.db, { taskId, memberId: secretaryId, deadline: "2025-01-15", includeExtended: false, at: vnTime("2024-12-12 10:00") });
    expect((await view()).reported).toBe(false);
    await addNote(t.db, { partId, memberId: headId, note: "Đang chuẩn bị hồ sơ", at: vnTime("2024-12-13 10:00") });
    expect((await view()).reported).toBe(true);
  });
});

describe("a task shared by several units", () => {
  let shared: number;
  beforeEach(async () => {
    shared = await addTask(t.db, {
      period: monthPeriod("2024-12"), lead: ["QLKH", "HCTH"], support: ["TTUD"], content: "Xây dựng kế hoạch triển khai Thông báo số 4533/TB-BKHCN",
      deadline: "2024-12-20", deadlineStated: true, memberId: secretaryId, at: CREATED,
    });
  });
  const part = async (code: string) => (await t.db.taskPart.findFirstOrThrow({ where: { taskId: shared, unit: { code } } })).id;
  const status = async () => taskStatus(toTaskView((await findTask(t.db, shared))!));

  it("is stored once with a part per unit and its role", async () => {
    const task = (await findTask(t.db, shared))!;
    expect(task.parts.map((p) => [p.unit.code, p.role, p.status])).toEqual([
      ["QLKH", "lead", "open"],
      ["HCTH", "lead", "open"],
      ["TTUD", "support", "open"],
    ]);
  });

  it("is done only when every responsible unit is done; blocked when any is", async () => {
    await changeStatus(t.db, { partId: await part("QLKH"), memberId: headId, status: "done", today: "2024-12-10", at: vnTime("2024-12-10 10:00") });
    expect(await status()).toBe("in_progress");
    await changeStatus(t.db, { partId: await part("HCTH"), memberId: null, status: "blocked", today: "2024-12-11", at: vnTime("2024-12-11 10:00") });
    expect(await status()).toBe("blocked");
    await changeStatus(t.db, { partId: await part("HCTH"), memberId: null, status: "done", today: "2024-12-12", at: vnTime("2024-12-12 10:00") });
    expect(await status()).toBe("done");
  });

  it("an approved extension moves only that unit's deadline; a staff change asks before moving it", async () => {
    const hcth = await part("HCTH");
    const request = await requestExtension(t.db, { partId: hcth, memberId: headId, requestedOn: "2024-12-28", reason: "Chờ số liệu", at: vnTime("2024-12-15 10:00") });
    expect(await decideExtension(t.db, { id: request.id, approve: true, deciderId: secretaryId, at: vnTime("2024-12-15 11:00") })).toBe(true);
    expect(await decideExtension(t.db, { id: request.id, approve: false, deciderId: secretaryId, at: vnTime("2024-12-15 11:01") })).toBe(false);
    const deadlines = async () => (await findTask(t.db, shared))!.parts.map((p) => [p.unit.code, p.deadline]);
    expect(await deadlines()).toEqual([["QLKH", "2024-12-20"], ["HCTH", "2024-12-28"], ["TTUD", "2024-12-20"]]);

    await changeDeadline(t.db, { taskId: shared, memberId: secretaryId, deadline: "2024-12-24", includeExtended: false, at: vnTime("2024-12-16 10:00") });
    expect(await deadlines()).toEqual([["QLKH", "2024-12-24"], ["HCTH", "2024-12-28"], ["TTUD", "2024-12-24"]]);
    await changeDeadline(t.db, { taskId: shared, memberId: secretaryId, deadline: "2024-12-26", includeExtended: true, at: vnTime("2024-12-16 10:05") });
    expect(await deadlines()).toEqual([["QLKH", "2024-12-26"], ["HCTH", "2024-12-26"], ["TTUD", "2024-12-26"]]);
  });
});
