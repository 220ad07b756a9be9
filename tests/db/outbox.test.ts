import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask } from "../../src/db/cycles.js";
import { findReminderByMessage, lastOverdueDays } from "../../src/db/deliveries.js";
import { claim, enqueue, enqueueOnce, markFailed, markSent, waiting, type Outgoing } from "../../src/db/outbox.js";
import { monthPeriod } from "../../src/domain/cycles.js";
import { vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
let head: { id: number; chatId: string };
let parts: [number, number, number];

beforeEach(async () => {
  t = await createTestDb();
  const qlkh = await t.db.unit.findUniqueOrThrow({ where: { code: "QLKH" } });
  head = await t.db.member.create({ data: { telegramUserId: "101", chatId: "101", name: "Trần Văn Bình", role: "unit_head", unitId: qlkh.id } });
  const add = async (content: string, deadline: string) => {
    const taskId = await addTask(t.db, { period: monthPeriod("2024-12"), lead: ["QLKH"], support: [], content, deadline, deadlineStated: true, memberId: null, at: vnTime("2024-12-02 09:00") });
    return (await t.db.taskPart.findFirstOrThrow({ where: { taskId } })).id;
  };
  parts = [await add("Nhiệm vụ A", "2024-11-29"), await add("Nhiệm vụ B", "2024-12-04"), await add("Nhiệm vụ C", "2024-12-01")];
});
afterEach(async () => {
  await t.close();
});

const reminder = (day: string, items: Outgoing["items"] = []): Outgoing => ({
  kind: "reminder", day, key: `reminder:${day}:m${head.id}`, memberId: head.id, chatId: head.chatId, text: `Nhắc việc ${day}`, items,
});

describe("the outbox", () => {
  it("takes a keyed message once, with its numbered parts; a second one is left out", async () => {
    const first = await t.db.$transaction((tx) => enqueue(tx, [reminder("2024-12-02", [{ partId: parts[0], number: 1, reason: "overdue" }, { partId: parts[1], number: 2, reason: "due_soon" }])]));
    expect(first).toHaveLength(1);
    expect(await t.db.$transaction((tx) => enqueue(tx, [reminder("2024-12-02"), reminder("2024-12-02")]))).toEqual([]);
    expect(await t.db.delivery.count()).toBe(1);
    expect(await t.db.deliveryItem.count()).toBe(2);
    expect(await t.db.delivery.findFirstOrThrow()).toMatchObject({ state: "queued", attempts: 0, messageId: null, chatId: "101", format: "text" });
  });

  it("adds 1,200 messages over several statements, each with its own numbered parts, and a file intact", async () => {
    const note = (i: number): Outgoing => ({
      kind: "reminder", day: "2024-12-02", memberId: null, chatId: String(5000 + (i % 7)), text: `Nhắc việc số ${i}`, items: [{ partId: parts[i % 3]!, number: i, reason: "overdue" }],
    });
    const file = { kind: "report" as const, day: "2024-12-02", memberId: null, chatId: "99", text: "Báo cáo", file: { name: "bao-cao.docx", content: Buffer.from([0, 1, 2, 250, 255]) } };
    await t.db.$transaction((tx) => enqueue(tx, [...Array.from({ length: 1200 }, (_, i) => note(i)), file]));

    const rows = await t.db.delivery.findMany({ include: { items: true }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(1201);
    const mismatched = rows.slice(0, 1200).filter((r, i) => r.text !== `Nhắc việc số ${i}` || r.chatId !== note(i).chatId || r.items.length !== 1 || r.items[0]!.number !== i);
    expect(mismatched).toEqual([]);
    expect(rows[1200]).toMatchObject({ format: "document", fileName: "bao-cao.docx", state: "queued", attempts: 0 });
    expect(Buffer.from(rows[1200]!.file!)).toEqual(file.file.content);
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("lets exactly one of five writers at once add a keyed message", async () => {
    const added = await Promise.all(Array.from({ length: 5 }, () => enqueueOnce(t.db, [reminder("2024-12-03", [{ partId: parts[0], number: 1, reason: "overdue" }])])));
    expect(added.flat()).toHaveLength(1);
    expect(await t.db.delivery.count()).toBe(1);
    expect(await t.db.deliveryItem.count()).toBe(1);
  });

  it("hands a waiting message to one claim only, and counts the attempt", async () => {
    await t.db.$transaction((tx) => enqueue(tx, [reminder("2024-12-02")]));
    const { id } = await t.db.delivery.findFirstOrThrow();
    const claims = await Promise.all([claim(t.db, id), claim(t.db, id)]);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect(claims.find((c) => c !== null)).toMatchObject({ state: "sending", attempts: 1 });
  });
});

describe("waiting", () => {
  it("offers a due message behind three hundred backing off, and holds a chat's later message behind its retry", async () => {
    const now = vnTime("2024-12-02 09:00");
    const later = new Date(now.getTime() + 15 * 60_000);
    const note = (chatId: string, i: number): Outgoing => ({ kind: "notice", day: "2024-12-02", memberId: null, chatId, text: `Tin ${i}` });
    await t.db.$transaction((tx) => enqueue(tx, Array.from({ length: 300 }, (_, i) => note(String(1000 + i), i))));
    await t.db.delivery.updateMany({ data: { nextAttemptAt: later } });
    await t.db.$transaction((tx) => enqueue(tx, [note("1000", 300), note("2000", 301)]));

    const offered = await waiting(t.db, now);
    expect(offered.map((r) => r.chatId)).toEqual(["2000"]);
    expect((await waiting(t.db, later)).map((r) => r.chatId)).toHaveLength(200);
  });
});

describe("lastOverdueDays", () => {
  it("counts only reminders that went out and listed the part as overdue", async () => {
    const [a, b, c] = parts;
    const at = vnTime("2024-12-02 08:00");
    const sent = async (day: string, items: Outgoing["items"]) => {
      await t.db.$transaction((tx) => enqueue(tx, [reminder(day, items)]));
      const row = await t.db.delivery.findFirstOrThrow({ where: { day } });
      await markSent(t.db, row.id, row.id + 100, at);
      return row.id;
    };
    await sent("2024-12-02", [{ partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_soon" }]);
    await sent("2024-12-04", [{ partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_today" }]);
    // Later reminders that never went out: still queued, and one that failed.
    await t.db.$transaction((tx) => enqueue(tx, [reminder("2024-12-05", [{ partId: a, number: 1, reason: "overdue" }, { partId: c, number: 2, reason: "overdue" }])]));
    await t.db.$transaction((tx) => enqueue(tx, [reminder("2024-12-06", [{ partId: c, number: 1, reason: "overdue" }])]));
    await markFailed(t.db, (await t.db.delivery.findFirstOrThrow({ where: { day: "2024-12-06" } })).id, "failed", "403: Forbidden: bot was blocked by the user");

    expect(await lastOverdueDays(t.db)).toEqual(new Map([[a, "2024-12-04"]]));
    // Only open parts count: once A is done, its past reminders no longer matter.
    await t.db.taskPart.update({ where: { id: a }, data: { status: "done" } });
    expect(await lastOverdueDays(t.db)).toEqual(new Map());
  });
});

describe("findReminderByMessage", () => {
  it("finds a reminder's numbered parts by chat and message id, and nothing else", async () => {
    const [a, b, c] = parts;
    await t.db.$transaction((tx) => enqueue(tx, [
      reminder("2024-12-02", [{ partId: c, number: 3, reason: "due_soon" }, { partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_today" }]),
      { kind: "digest", day: "2024-12-02", key: "digest:2024-12-02:m1:0", memberId: head.id, chatId: head.chatId, text: "Tổng hợp" },
    ]));
    const [rem, digest] = await t.db.delivery.findMany({ orderBy: { id: "asc" } });
    await markSent(t.db, rem!.id, 555, new Date());
    await markSent(t.db, digest!.id, 556, new Date());

    const found = await findReminderByMessage(t.db, "101", 555);
    expect(found).toMatchObject({ id: rem!.id, kind: "reminder", state: "sent", memberId: head.id });
    expect(found!.items.map((x) => [x.number, x.partId, x.reason])).toEqual([[1, a, "overdue"], [2, b, "due_today"], [3, c, "due_soon"]]);
    expect(await findReminderByMessage(t.db, "102", 555)).toBeNull(); // same message id, other chat
    expect(await findReminderByMessage(t.db, "101", 556)).toBeNull(); // the digest is not a reminder
  });
});
