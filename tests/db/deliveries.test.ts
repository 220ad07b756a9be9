import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask } from "../../src/db/cycles.js";
import { monthPeriod } from "../../src/domain/cycles.js";
import { claimDelivery, findReminderByMessage, lastOverdueDays, markFailed, markSent } from "../../src/db/deliveries.js";
import { vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

let t: TestDb;
let head: { id: number; chatId: string };
let otherHead: { id: number; chatId: string };
let taskIds: [number, number, number];

beforeEach(async () => {
  t = await createTestDb();
  const qlkh = await t.db.unit.findUniqueOrThrow({ where: { code: "QLKH" } });
  const hcth = await t.db.unit.findUniqueOrThrow({ where: { code: "HCTH" } });
  head = await t.db.member.create({ data: { telegramUserId: "101", chatId: "101", name: "Trần Văn Bình", role: "unit_head", unitId: qlkh.id } });
  otherHead = await t.db.member.create({ data: { telegramUserId: "102", chatId: "102", name: "Phạm Thị Hoa", role: "unit_head", unitId: hcth.id } });
  const add = async (content: string, deadline: string) => {
    const taskId = await addTask(t.db, { period: monthPeriod("2024-12"), lead: ["QLKH"], support: [], content, deadline, deadlineStated: true, memberId: null, at: vnTime("2024-12-02 09:00") });
    return (await t.db.taskPart.findFirstOrThrow({ where: { taskId } })).id;
  };
  taskIds = [await add("Nhiệm vụ A", "2024-11-29"), await add("Nhiệm vụ B", "2024-12-04"), await add("Nhiệm vụ C", "2024-12-01")];
});
afterEach(async () => {
  await t.close();
});

describe("claimDelivery", () => {
  it("claims (kind, day, member) once: a second claim gets null and adds nothing", async () => {
    const [a, b] = taskIds;
    const first = await claimDelivery(t.db, {
      kind: "reminder", day: "2024-12-02", memberId: head.id, chatId: head.chatId,
      items: [{ partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_soon" }],
    });
    expect(first).toEqual(expect.any(Number));
    const second = await claimDelivery(t.db, {
      kind: "reminder", day: "2024-12-02", memberId: head.id, chatId: head.chatId, items: [{ partId: a, number: 1, reason: "overdue" }],
    });
    expect(second).toBeNull();
    expect(await t.db.delivery.count()).toBe(1);
    expect(await t.db.deliveryItem.count()).toBe(2);
    expect(await t.db.delivery.findUniqueOrThrow({ where: { id: first! } })).toMatchObject({ state: "pending", messageId: null, chatId: "101" });
  });

  it("lets exactly one of five simultaneous claims win", async () => {
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        claimDelivery(t.db, {
          kind: "reminder", day: "2024-12-03", memberId: head.id, chatId: head.chatId, items: [{ partId: taskIds[0], number: 1, reason: "overdue" }],
        }),
      ),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect(claims.filter((c) => c === null)).toHaveLength(4);
    expect(await t.db.delivery.count()).toBe(1);
    expect(await t.db.deliveryItem.count()).toBe(1);
  });

  it("treats another day, another kind or another member as a new message", async () => {
    const base = { kind: "reminder" as const, day: "2024-12-02", memberId: head.id, chatId: head.chatId };
    const ids = [
      await claimDelivery(t.db, base),
      await claimDelivery(t.db, { ...base, day: "2024-12-03" }),
      await claimDelivery(t.db, { ...base, kind: "digest" }),
      await claimDelivery(t.db, { ...base, memberId: otherHead.id, chatId: otherHead.chatId }),
    ];
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    expect(new Set(ids).size).toBe(4);
    expect(await claimDelivery(t.db, { ...base, kind: "digest" })).toBeNull();
    expect(await t.db.delivery.count()).toBe(4);
  });
});

describe("lastOverdueDays", () => {
  it("counts only reminders that went out and listed the task as overdue", async () => {
    const [a, b, c] = taskIds;
    const claim = async (day: string, memberId: number, items: { partId: number; number: number; reason: "overdue" | "due_soon" | "due_today" }[]) => {
      const id = await claimDelivery(t.db, { kind: "reminder", day, memberId, chatId: String(memberId), items });
      if (id === null) throw new Error("claim refused");
      return id;
    };
    await markSent(t.db, await claim("2024-12-02", head.id, [{ partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_soon" }]), 11);
    await markSent(t.db, await claim("2024-12-04", head.id, [{ partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_today" }]), 12);
    // Later reminders that never went out: still pending (send cut off) and failed.
    await claim("2024-12-05", head.id, [{ partId: a, number: 1, reason: "overdue" }, { partId: c, number: 2, reason: "overdue" }]);
    await markFailed(t.db, await claim("2024-12-06", head.id, [{ partId: a, number: 1, reason: "overdue" }, { partId: c, number: 2, reason: "overdue" }]), "403: Forbidden: bot was blocked by the user");
    // C was due soon in a reminder that went out: that is not an overdue reminder.
    await markSent(t.db, await claim("2024-12-02", otherHead.id, [{ partId: c, number: 1, reason: "due_soon" }]), 21);

    expect(await lastOverdueDays(t.db)).toEqual(new Map([[a, "2024-12-04"]]));
    // Only open parts count: once A is done, its past reminders no longer matter.
    await t.db.taskPart.update({ where: { id: a }, data: { status: "done" } });
    expect(await lastOverdueDays(t.db)).toEqual(new Map());
  });
});

describe("findReminderByMessage", () => {
  it("finds a reminder's numbered tasks by chat and message id, and nothing else", async () => {
    const [a, b, c] = taskIds;
    const reminder = await claimDelivery(t.db, {
      kind: "reminder", day: "2024-12-02", memberId: head.id, chatId: head.chatId,
      items: [{ partId: c, number: 3, reason: "due_soon" }, { partId: a, number: 1, reason: "overdue" }, { partId: b, number: 2, reason: "due_today" }],
    });
    await markSent(t.db, reminder!, 555);
    const digest = await claimDelivery(t.db, { kind: "digest", day: "2024-12-02", memberId: head.id, chatId: head.chatId });
    await markSent(t.db, digest!, 556);

    const found = await findReminderByMessage(t.db, "101", 555);
    expect(found).toMatchObject({ id: reminder, kind: "reminder", state: "sent", memberId: head.id });
    expect(found!.items.map((x) => [x.number, x.partId, x.reason])).toEqual([
      [1, a, "overdue"],
      [2, b, "due_today"],
      [3, c, "due_soon"],
    ]);

    expect(await findReminderByMessage(t.db, "102", 555)).toBeNull(); // same message id, other chat
    expect(await findReminderByMessage(t.db, "101", 554)).toBeNull();
    expect(await findReminderByMessage(t.db, "101", 556)).toBeNull(); // the digest is not a reminder
  });
});
