import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask, noticeHash } from "../../src/db/cycles.js";
import { changeStatus, findTasks, taskHistory } from "../../src/db/tasks.js";
import { monthPeriod } from "../../src/domain/cycles.js";
import { commitImport, prepareImport, type Prepared } from "../../src/services/intake.js";
import { counts, januaryNotice, NEWS, NOTICE, NOTICE_PER_UNIT, NOTICE_TASKS, seed, vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

/** When the December notice and the January one are imported. */
const IN_DECEMBER = vnTime("2024-12-04 09:00");
const IN_JANUARY = vnTime("2025-01-06 09:00");
const DECEMBER_DAY = "2024-12-04";
const JANUARY_DAY = "2025-01-06";
const STATED_HCTH = "Khẩn trương hoàn thành và tham mưu ban hành Kế hoạch, Chương trình công tác năm 2025 trước ngày 25/12/2024.";

/** A small January notice in the same format as the seed. */
const JANUARY = januaryNotice("25", `(1) Phòng Quản lý Khoa học:

- Tổ chức Hội đồng tư vấn xác định nhiệm vụ KH&CN năm 2026 trước ngày 20/01/2025.

- Rà soát, đôn đốc các nhiệm vụ KH&CN chậm tiến độ.

(2) Thanh tra Sở

Xây dựng và trình ban hành Kế hoạch thanh tra, kiểm tra năm 2025.`);

let t: TestDb;
let secretaryId: number;

beforeEach(async () => {
  t = await createTestDb();
  secretaryId = (await t.db.member.create({ data: { telegramUserId: "500", chatId: "500", name: "Lê Thị Thư", role: "secretary" } })).id;
});
afterEach(async () => {
  await t.close();
});

async function prepared(text: string, today = DECEMBER_DAY): Promise<Extract<Prepared, { ok: true }>> {
  const p = await prepareImport(t.db, text, today);
  if (!p.ok) throw new Error("not a notice");
  return p;
}

const carryAll = { memberId: null, decision: { carry: true }, late: false };

describe("importing the November conclusion notice", () => {
  it("stores one December cycle with 24 tasks, 8 shared by the five units: 56 unit parts", async () => {
    const p = await prepared(NOTICE);
    expect([p.check, p.carryOver, p.stale]).toEqual([{ ok: true }, [], false]);
    expect(await counts(t.db)).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 }); // preparing stores nothing

    const result = await commitImport(t.db, p, { ...carryAll, memberId: secretaryId, at: IN_DECEMBER, today: DECEMBER_DAY });
    expect(result).toEqual({ stored: true, cycleId: expect.any(Number), key: "2024-12", created: NOTICE_TASKS, parts: 56, support: 8, carried: 0, closed: 0 });
    expect(await t.db.cycle.findFirstOrThrow()).toMatchObject({
      key: "2024-12", kind: "month", start: "2024-12-01", end: "2024-12-31", state: "open",
      noticeNumber: "/TB-SKHCN", noticeIssuedOn: "2024-12-03", meetingOn: "2024-11-29", sourceHash: noticeHash(NOTICE),
    });
    const tasks = await findTasks(t.db, {});
    const leads = (x: (typeof tasks)[number]) => x.parts.filter((p) => p.role === "lead").length;
    expect(tasks.filter((x) => leads(x) === 5)).toHaveLength(8);
    expect(tasks.filter((x) => leads(x) === 1)).toHaveLength(16);
    const perUnit: Record<string, number> = {};
    for (const part of tasks.flatMap((x) => x.parts.filter((p) => p.role === "lead"))) perUnit[part.unit.code] = (perUnit[part.unit.code] ?? 0) + 1;
    expect(perUnit).toEqual(NOTICE_PER_UNIT);
    // "Phối hợp với …" makes a coordinating part, never a responsible one.
    const withHcth = tasks.find((x) => x.content.startsWith("Phối hợp với Phòng HCTH tham mưu cho Lãnh đạo Sở"))!;
    expect(withHcth.parts.map((p) => [p.unit.code, p.role])).toEqual([["QLKH", "lead"], ["HCTH", "support"]]);
    const stated = tasks.find((x) => x.content === STATED_HCTH)!;
    expect([stated.deadline, stated.deadlineStated, stated.deadlineKind, stated.parts.map((x) => x.unit.code)]).toEqual(["2024-12-25", true, "date", ["HCTH"]]);
    expect(tasks.filter((x) => !x.deadlineStated).every((x) => x.deadline === "2024-12-31" && x.deadlineKind === "default")).toBe(true);
    // One "created" entry a task, by the secretary, at the import's time.
    const created = await t.db.taskEvent.findMany({ where: { kind: "created" } });
    expect(created).toHaveLength(NOTICE_TASKS);
    expect(created.every((e) => e.memberId === secretaryId && e.createdAt.getTime() === IN_DECEMBER.getTime())).toBe(true);
  });

  it("refuses the same notice a second time, and stores a draft confirmed twice at once only once", async () => {
    const p = await prepared(NOTICE);
    const results = await Promise.all([
      commitImport(t.db, p, { ...carryAll, at: IN_DECEMBER, today: DECEMBER_DAY }),
      commitImport(t.db, p, { ...carryAll, at: IN_DECEMBER, today: DECEMBER_DAY }),
    ]);
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(results.find((r) => !r.stored)).toEqual({ stored: false, check: { ok: false, reason: "same_notice", key: "2024-12", noticeNumber: "/TB-SKHCN" } });
    expect((await prepared(NOTICE)).check).toMatchObject({ ok: false, reason: "same_notice" });
    expect(await counts(t.db)).toMatchObject({ cycles: 1, tasks: NOTICE_TASKS, parts: 56 + 8 });
  });

  it("refuses a second, different notice for a period that already has one", async () => {
    await seed(t.db, IN_DECEMBER);
    const other = await prepared(NOTICE.replace("Số: /TB-SKHCN", "Số: 99/TB-SKHCN"));
    expect(other.check).toEqual({ ok: false, reason: "period_has_notice", key: "2024-12", noticeNumber: "/TB-SKHCN" });
    expect(await commitImport(t.db, other, { ...carryAll, at: IN_DECEMBER, today: DECEMBER_DAY })).toMatchObject({ stored: false });
  });

  it("does not take a news article for a notice and stores nothing", async () => {
    const p = await prepareImport(t.db, NEWS, DECEMBER_DAY);
    expect(p.ok).toBe(false);
    expect(await counts(t.db)).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("lets a task added by hand before the notice stay, in the same cycle", async () => {
    await addTask(t.db, { period: monthPeriod("2024-12"), lead: ["QLKH"], support: [], content: "Nhiệm vụ thêm tay", deadline: "2024-12-20", deadlineStated: true, memberId: secretaryId, at: IN_DECEMBER });
    await seed(t.db, IN_DECEMBER);
    expect(await counts(t.db)).toMatchObject({ cycles: 1, tasks: NOTICE_TASKS + 1, parts: 56 + 8 + 1 });
  });
});

describe("a notice for a period that has passed", () => {
  it("is refused unless confirmed as a late entry; a late entry older than the open cycle is stored closed", async () => {
    await seed(t.db, IN_DECEMBER);
    const jan = await prepared(JANUARY, JANUARY_DAY);
    await commitImport(t.db, jan, { ...carryAll, at: IN_JANUARY, today: JANUARY_DAY });
    // Two years later, the November 2024 notice of another department arrives.
    const old = await prepared(januaryNotice("7", "(1) Phòng Quản lý Khoa học:\n\n- Rà soát hồ sơ.").replace(/tháng 01 năm 2025/g, "tháng 11 năm 2024").replace("Ngày 30/12/2024", "Ngày 31/10/2024"), "2026-11-23");
    expect([old.stale, old.parsed.notice.period]).toEqual([true, { kind: "month", start: "2024-11-01", end: "2024-11-30" }]);
    expect(await commitImport(t.db, old, { ...carryAll, at: new Date(), today: "2026-11-23" })).toEqual({ stored: false, stale: true });
    const before = await counts(t.db);
    expect(await commitImport(t.db, old, { ...carryAll, late: true, at: new Date(), today: "2026-11-23" })).toMatchObject({ stored: true, key: "2024-11", carried: 0, closed: 0 });
    expect(await t.db.cycle.findUniqueOrThrow({ where: { key: "2024-11" } })).toMatchObject({ state: "closed", late: true });
    expect(await t.db.cycle.findUniqueOrThrow({ where: { key: "2025-01" } })).toMatchObject({ state: "open" });
    expect((await counts(t.db)).tasks).toBe(before.tasks + 1);
  });
});

describe("the next notice closes the cycle", () => {
  /** December after some reports: QLKH's first shared part done, HCTH's in progress, QLCN's blocked. */
  async function december() {
    await seed(t.db, IN_DECEMBER);
    const shared = (await findTasks(t.db, {}))[0]!;
    const part = (code: string) => shared.parts.find((x) => x.unit.code === code)!.id;
    await changeStatus(t.db, { partId: part("QLKH"), memberId: null, status: "done", today: "2024-12-20", at: vnTime("2024-12-20 10:00") });
    await changeStatus(t.db, { partId: part("HCTH"), memberId: null, status: "in_progress", note: "Đã trình dự thảo", today: "2024-12-20", at: vnTime("2024-12-20 10:00") });
    await changeStatus(t.db, { partId: part("QLCN"), memberId: null, status: "blocked", note: "Chờ UBND tỉnh", today: "2024-12-20", at: vnTime("2024-12-20 10:00") });
    const unfinished = (await findTasks(t.db, {})).filter((x) => x.parts.some((p) => p.status !== "done"));
    return { shared, unfinished };
  }

  it("carries the unfinished tasks over with a link, their unfinished parts with status, note and deadline", async () => {
    const dec = await december();
    const jan = await prepared(JANUARY, JANUARY_DAY);
    expect(jan.carryOver.map((x) => x.id)).toEqual(dec.unfinished.map((x) => x.id));
    const result = await commitImport(t.db, jan, { ...carryAll, memberId: secretaryId, at: IN_JANUARY, today: JANUARY_DAY });
    expect(result).toMatchObject({ stored: true, key: "2025-01", created: 3, carried: NOTICE_TASKS, closed: 0 });

    expect((await t.db.cycle.findMany({ orderBy: { key: "asc" } })).map((c) => [c.key, c.state])).toEqual([["2024-12", "closed"], ["2025-01", "open"]]);
    const carried = (await findTasks(t.db, { carriedFromId: dec.shared.id }))[0]!;
    expect(carried.cycle.key).toBe("2025-01");
    expect(carried.parts.map((x) => [x.unit.code, x.status, x.note])).toEqual([
      ["HCTH", "in_progress", "Đã trình dự thảo"], ["QLCN", "blocked", "Chờ UBND tỉnh"], ["TTRA", "open", null], ["TTUD", "open", null],
    ]);
    const old = (await findTasks(t.db, { id: dec.shared.id }))[0]!;
    expect(old.parts.map((x) => x.status)).toEqual(["done", "carried_over", "carried_over", "carried_over", "carried_over"]);
    // The stated deadline stays, already overdue in January.
    const stated = (await findTasks(t.db, { content: STATED_HCTH, cycle: { key: "2025-01" } }))[0]!;
    expect(stated.deadline).toBe("2024-12-25");
    expect((await taskHistory(t.db, carried.id)).map((e) => [e.kind, e.note])).toEqual([["carried_in", `#${dec.shared.id}`]]);
  });

  it("closes them as not done, with the reason in each one's history, when the secretary decides so", async () => {
    const dec = await december();
    const jan = await prepared(JANUARY, JANUARY_DAY);
    const keep = dec.unfinished[1]!.id;
    const result = await commitImport(t.db, jan, { memberId: secretaryId, decision: { carry: false, except: [keep], reason: "Không còn phù hợp" }, late: false, at: IN_JANUARY, today: JANUARY_DAY });
    expect(result).toMatchObject({ stored: true, carried: 1, closed: NOTICE_TASKS - 1 });
    expect(await t.db.task.count({ where: { carriedFromId: keep } })).toBe(1);
    const closed = await taskHistory(t.db, dec.shared.id);
    expect(closed.at(-1)).toMatchObject({ kind: "closed_not_done", note: "Không còn phù hợp", memberId: secretaryId });
    // Closed tasks keep their state in the closed cycle, for its report.
    expect((await findTasks(t.db, { id: dec.shared.id }))[0]!.parts.map((x) => x.status)).toEqual(["done", "in_progress", "blocked", "open", "open"]);
  });
});
