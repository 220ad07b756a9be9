import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask, noticeHash } from "../../src/db/briefings.js";
import { cancelTask, findTasks, recordStatus, taskHistory } from "../../src/db/tasks.js";
import { commitImport, prepareImport, type Prepared } from "../../src/services/intake.js";
import { counts, januaryNotice, NEWS, NOTICE, NOTICE_PER_UNIT, perUnit, seed, vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

/** When the December notice and the January one are imported. */
const IN_DECEMBER = vnTime("2024-12-04 09:00");
const IN_JANUARY = vnTime("2025-01-06 09:00");
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

async function prepared(text: string): Promise<Extract<Prepared, { ok: true }>> {
  const p = await prepareImport(t.db, text);
  if (!p.ok) throw new Error("not a notice");
  return p;
}

describe("importing the November conclusion notice", () => {
  it("stores one December briefing and 56 unit tasks, each with a 'created' history entry", async () => {
    const p = await prepared(NOTICE);
    expect(p.check).toEqual({ ok: true });
    expect(p.carryOver).toEqual([]);
    expect(p.parsed.tasks).toHaveLength(24);
    expect(await counts(t.db)).toEqual({ briefings: 0, tasks: 0, updates: 0 }); // preparing stores nothing

    const result = await commitImport(t.db, p, { memberId: secretaryId, carryOver: false, at: IN_DECEMBER });
    expect(result).toEqual({ stored: true, briefingId: expect.any(Number), created: 56, carried: 0 });

    const briefings = await t.db.briefing.findMany();
    expect(briefings).toHaveLength(1);
    expect(briefings[0]).toMatchObject({
      month: "2024-12",
      noticeNumber: "/TB-SKHCN",
      noticeIssuedOn: "2024-12-03",
      meetingOn: "2024-11-29",
      sourceHash: noticeHash(NOTICE),
    });

    const rows = await findTasks(t.db, {});
    expect(rows).toHaveLength(56);
    expect(perUnit(rows)).toEqual(NOTICE_PER_UNIT);
    expect(rows.every((r) => r.briefingId === briefings[0]!.id && r.status === "open" && r.carriedFromId === null)).toBe(true);

    // One stated deadline (HCTH, 25/12/2024); every other task is due at the end of December.
    const stated = rows.filter((r) => r.deadlineStated);
    expect(stated.map((r) => [r.unit.code, r.deadline, r.content])).toEqual([["HCTH", "2024-12-25", STATED_HCTH]]);
    expect(new Set(rows.filter((r) => !r.deadlineStated).map((r) => r.deadline))).toEqual(new Set(["2024-12-31"]));

    // Thanh tra's section is a plain paragraph: it is its one own task.
    const ttra = rows.filter((r) => r.unit.code === "TTRA").map((r) => r.content);
    expect(ttra.filter((c) => c.startsWith("Tổ chức thực hiện hoàn thành các cuộc thanh tra, kiểm tra theo Kế hoạch năm 2024"))).toHaveLength(1);

    const updates = await t.db.statusUpdate.findMany({ orderBy: { id: "asc" } });
    expect(updates).toHaveLength(56);
    expect(new Set(updates.map((u) => u.taskId))).toEqual(new Set(rows.map((r) => r.id)));
    for (const u of updates) expect(u).toMatchObject({ kind: "created", status: "open", memberId: secretaryId, note: null, createdAt: IN_DECEMBER });
  });

  it("refuses the same notice a second time: the preview says so and a stale preview stores nothing", async () => {
    const first = await prepared(NOTICE);
    expect((await commitImport(t.db, first, { memberId: secretaryId, carryOver: false, at: IN_DECEMBER })).stored).toBe(true);
    const after = await counts(t.db);
    expect(after).toEqual({ briefings: 1, tasks: 56, updates: 56 });

    const again = await prepared(NOTICE);
    expect(again.check).toEqual({ ok: false, reason: "same_notice", month: "2024-12", noticeNumber: "/TB-SKHCN" });
    // Pasted again with other line breaks and spacing: still the same notice.
    const repasted = await prepared(NOTICE.replace(/\n\n/g, "\n").replace(/ /g, "  "));
    expect(repasted.check).toEqual({ ok: false, reason: "same_notice", month: "2024-12", noticeNumber: "/TB-SKHCN" });

    // Confirming the preview made before the first import.
    const stale = await commitImport(t.db, first, { memberId: secretaryId, carryOver: false, at: IN_DECEMBER });
    expect(stale).toEqual({ stored: false, check: { ok: false, reason: "same_notice", month: "2024-12", noticeNumber: "/TB-SKHCN" } });
    expect(await counts(t.db)).toEqual(after);
  });

  it("stores a preview confirmed twice at once only once (double tap on confirm)", async () => {
    const p = await prepared(NOTICE);
    const results = await Promise.all([
      commitImport(t.db, p, { memberId: secretaryId, carryOver: false, at: IN_DECEMBER }),
      commitImport(t.db, p, { memberId: secretaryId, carryOver: false, at: IN_DECEMBER }),
    ]);
    expect(results.map((r) => r.stored).sort()).toEqual([false, true]);
    expect(await counts(t.db)).toEqual({ briefings: 1, tasks: 56, updates: 56 });
  });

  it("refuses a second, different notice for a month that already has one", async () => {
    await seed(t.db, IN_DECEMBER, secretaryId);
    const before = await counts(t.db);

    const other = await prepared(NOTICE.replace("Số: /TB-SKHCN", "Số: 2612/TB-SKHCN").replace("trước ngày 25/12/2024", "trước ngày 20/12/2024"));
    expect(other.parsed.notice.month).toBe("2024-12");
    expect(other.check).toEqual({ ok: false, reason: "month_has_notice", month: "2024-12", noticeNumber: "/TB-SKHCN" });
    const result = await commitImport(t.db, other, { memberId: secretaryId, carryOver: false, at: IN_DECEMBER });
    expect(result).toEqual({ stored: false, check: { ok: false, reason: "month_has_notice", month: "2024-12", noticeNumber: "/TB-SKHCN" } });
    expect(await counts(t.db)).toEqual(before);
    expect(await t.db.task.count({ where: { deadline: "2024-12-20" } })).toBe(0);
  });

  it("does not take a news article for a notice and stores nothing", async () => {
    const p = await prepareImport(t.db, NEWS);
    expect(p.ok).toBe(false);
    expect(p).toMatchObject({ reason: "not_a_notice", parsed: { tasks: [], notice: { month: null } } });
    expect(await counts(t.db)).toEqual({ briefings: 0, tasks: 0, updates: 0 });
  });

  it("lets tasks added by hand before the notice stay, and puts the notice's tasks in the same cycle", async () => {
    const hand = await addTask(t.db, {
      month: "2024-12", unitCode: "QLKH", content: "Chuẩn bị hồ sơ Hội đồng xét duyệt đề tài", deadline: "2024-12-15", deadlineStated: true, memberId: secretaryId, at: vnTime("2024-12-02 10:00"),
    });
    const handBriefing = await t.db.briefing.findUniqueOrThrow({ where: { month: "2024-12" } });
    expect(handBriefing).toMatchObject({ noticeNumber: null, sourceHash: null });

    const p = await prepared(NOTICE);
    expect(p.check).toEqual({ ok: true });
    expect(p.carryOver).toEqual([]); // same month: nothing to carry
    const result = await commitImport(t.db, p, { memberId: secretaryId, carryOver: true, at: IN_DECEMBER });
    expect(result).toEqual({ stored: true, briefingId: handBriefing.id, created: 56, carried: 0 });

    expect(await t.db.briefing.count()).toBe(1);
    expect(await t.db.briefing.findUniqueOrThrow({ where: { id: handBriefing.id } })).toMatchObject({
      month: "2024-12", noticeNumber: "/TB-SKHCN", noticeIssuedOn: "2024-12-03", meetingOn: "2024-11-29", sourceHash: noticeHash(NOTICE),
    });
    const rows = await findTasks(t.db, { briefingId: handBriefing.id });
    expect(rows).toHaveLength(57);
    expect(perUnit(rows)).toEqual({ ...NOTICE_PER_UNIT, QLKH: 12 });
    expect(rows.find((r) => r.id === hand.id)).toMatchObject({ status: "open", deadline: "2024-12-15", content: "Chuẩn bị hồ sơ Hội đồng xét duyệt đề tài" });
  });
});

describe("carrying unfinished tasks over to the next month", () => {
  /** December imported; HCTH's stated task and one TTRA task left open, one HCTH in progress, one blocked, one cancelled, the rest done. */
  async function decemberWithProgress() {
    await seed(t.db, IN_DECEMBER, secretaryId);
    const rows = await findTasks(t.db, {});
    const hcth = rows.filter((r) => r.unit.code === "HCTH");
    const stated = hcth[0]!;
    expect(stated.deadline).toBe("2024-12-25");
    const [inProgress, blocked, cancelled] = [hcth[1]!, hcth[2]!, hcth[3]!];
    const open = rows.find((r) => r.unit.code === "TTRA")!;
    const unfinished = [stated, inProgress, blocked, open];

    await recordStatus(t.db, { taskId: inProgress.id, memberId: secretaryId, status: "in_progress", note: "Đang lấy ý kiến các phòng", today: "2024-12-20", at: vnTime("2024-12-20 10:00") });
    await recordStatus(t.db, { taskId: blocked.id, memberId: secretaryId, status: "blocked", note: "Chờ UBND tỉnh cho ý kiến", today: "2024-12-20", at: vnTime("2024-12-20 10:00") });
    await cancelTask(t.db, { taskId: cancelled.id, memberId: secretaryId, at: vnTime("2024-12-20 10:00") });
    const done = rows.filter((r) => !unfinished.includes(r) && r !== cancelled);
    for (const r of done) await recordStatus(t.db, { taskId: r.id, memberId: secretaryId, status: "done", today: "2024-12-27", at: vnTime("2024-12-27 10:00") });
    expect(done).toHaveLength(51);
    return { stated, inProgress, blocked, open, cancelled, done, unfinished };
  }

  it("moves open, in-progress and blocked tasks into January, keeps a stated deadline, and marks the old ones carried over", async () => {
    const dec = await decemberWithProgress();
    const p = await prepared(JANUARY);
    expect(p.parsed.notice).toEqual({
      number: "25/TB-SKHCN",
      issuedOn: "2025-01-06",
      meetingOn: "2024-12-30",
      month: "2025-01",
      period: { kind: "month", start: "2025-01-01", end: "2025-01-31" },
      issuer: null,
    });
    expect(p.check).toEqual({ ok: true });
    expect(p.carryOver.map((r) => r.id).sort((a, b) => a - b)).toEqual(dec.unfinished.map((r) => r.id).sort((a, b) => a - b));

    const result = await commitImport(t.db, p, { memberId: secretaryId, carryOver: true, at: IN_JANUARY });
    expect(result).toEqual({ stored: true, briefingId: expect.any(Number), created: 3, carried: 4 });
    if (!result.stored) throw new Error("not stored");

    const january = await findTasks(t.db, { briefingId: result.briefingId });
    expect(january).toHaveLength(7);
    const fresh = january.filter((r) => r.carriedFromId === null);
    expect(fresh.map((r) => [r.unit.code, r.deadline, r.deadlineStated]).sort()).toEqual([
      ["QLKH", "2025-01-20", true],
      ["QLKH", "2025-01-31", false],
      ["TTRA", "2025-01-31", false],
    ]);

    const carried = new Map(january.filter((r) => r.carriedFromId !== null).map((r) => [r.carriedFromId!, r]));
    expect([...carried.keys()].sort((a, b) => a - b)).toEqual(dec.unfinished.map((r) => r.id).sort((a, b) => a - b));
    expect(carried.get(dec.stated.id)).toMatchObject({
      unitId: dec.stated.unitId, content: STATED_HCTH, deadline: "2024-12-25", deadlineStated: true, status: "open",
    });
    expect(carried.get(dec.inProgress.id)).toMatchObject({
      unitId: dec.inProgress.unitId, content: dec.inProgress.content, deadline: "2025-01-31", deadlineStated: false,
      status: "in_progress", note: "Đang lấy ý kiến các phòng",
    });
    expect(carried.get(dec.blocked.id)).toMatchObject({ deadline: "2025-01-31", deadlineStated: false, status: "blocked", note: "Chờ UBND tỉnh cho ý kiến" });
    expect(carried.get(dec.open.id)).toMatchObject({ unitId: dec.open.unitId, deadline: "2025-01-31", deadlineStated: false, status: "open" });

    for (const old of dec.unfinished) {
      const next = carried.get(old.id)!;
      expect((await t.db.task.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("carried_over");
      const history = await taskHistory(t.db, old.id);
      expect(history.at(-1)).toMatchObject({ kind: "carried_over", status: "carried_over", note: `#${next.id}`, memberId: secretaryId, createdAt: IN_JANUARY });
      expect(history.slice(0, -1).every((u) => u.kind !== "carried_over")).toBe(true);
      const nextHistory = await taskHistory(t.db, next.id);
      expect(nextHistory.map((u) => [u.kind, u.status, u.note, u.createdAt])).toEqual([["created", next.status, `#${old.id}`, IN_JANUARY]]);
    }

    // Done and cancelled stay as they were and are not carried.
    const doneIds = dec.done.map((r) => r.id);
    expect(await t.db.task.count({ where: { id: { in: doneIds }, status: "done" } })).toBe(51);
    expect((await t.db.task.findUniqueOrThrow({ where: { id: dec.cancelled.id } })).status).toBe("cancelled");
    expect(await t.db.task.count({ where: { carriedFromId: { in: [...doneIds, dec.cancelled.id] } } })).toBe(0);
    expect(await t.db.task.count()).toBe(56 + 7);
  });

  it("carries nothing when the secretary does not ask for it", async () => {
    const dec = await decemberWithProgress();
    const p = await prepared(JANUARY);
    expect(p.carryOver).toHaveLength(4); // offered …
    const result = await commitImport(t.db, p, { memberId: secretaryId, carryOver: false, at: IN_JANUARY });
    expect(result).toEqual({ stored: true, briefingId: expect.any(Number), created: 3, carried: 0 });

    expect(await t.db.task.count({ where: { carriedFromId: { not: null } } })).toBe(0);
    expect(await t.db.task.count({ where: { status: "carried_over" } })).toBe(0);
    expect(await t.db.task.count()).toBe(56 + 3);
    const statuses = await t.db.task.findMany({ where: { id: { in: dec.unfinished.map((r) => r.id) } }, orderBy: { id: "asc" } });
    expect(statuses.map((r) => r.status).sort()).toEqual(["blocked", "in_progress", "open", "open"]);
  });
});
