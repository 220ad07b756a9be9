// The daily reminders, end to end: the real bot against the emulator, days simulated by moving
// the clock, passes started by the secretary's /remind or by a restart (the start-up catch-up).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, delivery } from "../../src/messages/index.js";
import { buttonsOf, startTestBot, type TestBot } from "../support/bot.js";
import { memberOf, seed, partsOf } from "../support/data.js";

async function unitName(db: Db, code: string): Promise<string> {
  return (await db.unit.findUniqueOrThrow({ where: { code } })).name;
}

/** The part under every number button of a list message, in order. */
function taskIdsIn(message: BotMessage): number[] {
  return (message.reply_markup?.inline_keyboard?.[0] ?? []).flatMap((b) => /^pt:(\d+)$/.exec(b.callback_data ?? "")?.slice(1).map(Number) ?? []);
}

/** Waits until `user` got exactly `texts` (in any order: answers are direct, reports go through the outbox). */
async function expectTexts(user: TestUser, texts: string[]): Promise<void> {
  const got: string[] = [];
  while (got.length < texts.length) got.push(...(await user.waitForMessages(1)).map((m) => m.text ?? ""));
  expect(got.sort()).toEqual([...texts].sort());
}

/** How many times the bot tried to send a message to `chatId` (failed tries included). */
function sendAttempts(tb: TestBot, chatId: number): number {
  return tb.emulator.calls.filter((c) => c.method.toLowerCase() === "sendmessage" && Number(c.params.chat_id) === chatId).length;
}

describe("a working day's reminder pass", () => {
  let tb: TestBot;
  let db: Db;
  let secretary: TestUser;
  let qlkhHead: TestUser;
  let hcthHead: TestUser;
  let qlcnHead: TestUser;
  let ids: { overdue: number; today: number; soonInProgress: number; soon: number; later: number; done: number; cancelled: number; hcth: number; hcthLater: number; ttud: number };

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    const q = await partsOf(db, "QLKH");
    const h = await partsOf(db, "HCTH");
    const u = await partsOf(db, "TTUD");
    // Monday 16/12/2024: overdue, due today, due in 2 and 3 days, and some that must not show.
    await db.taskPart.update({ where: { id: q[0]!.id }, data: { deadline: "2024-12-13" } });
    await db.taskPart.update({ where: { id: q[1]!.id }, data: { deadline: "2024-12-16" } });
    await db.taskPart.update({ where: { id: q[2]!.id }, data: { deadline: "2024-12-19" } });
    await db.taskPart.update({ where: { id: q[3]!.id }, data: { deadline: "2024-12-20" } });
    await db.taskPart.update({ where: { id: q[4]!.id }, data: { deadline: "2024-12-17", status: "done", doneOn: "2024-12-10" } });
    await db.taskPart.update({ where: { id: q[5]!.id }, data: { deadline: "2024-12-18", status: "in_progress" } });
    await db.taskPart.update({ where: { id: q[6]!.id }, data: { deadline: "2024-12-17", status: "cancelled" } });
    await db.taskPart.update({ where: { id: h[0]!.id }, data: { deadline: "2024-12-17" } });
    await db.taskPart.update({ where: { id: u[0]!.id }, data: { deadline: "2024-12-18" } });
    ids = {
      overdue: q[0]!.id,
      today: q[1]!.id,
      soon: q[2]!.id,
      later: q[3]!.id,
      done: q[4]!.id,
      soonInProgress: q[5]!.id,
      cancelled: q[6]!.id,
      hcth: h[0]!.id,
      hcthLater: h.find((x) => x.deadline === "2024-12-25")!.id,
      ttud: u[0]!.id,
    };
    secretary = await tb.register(501, "Quang", "secretary");
    qlkhHead = await tb.register(701, "Khoa", "unit_head", "QLKH");
    hcthHead = await tb.register(702, "Hà", "unit_head", "HCTH");
    qlcnHead = await tb.register(703, "Công", "unit_head", "QLCN");
  });
  afterAll(async () => tb?.close());

  it("sends each unit head one message with only the unit's due tasks, numbered, with deadlines and buttons", async () => {
    tb.clock.set("2024-12-16 08:05");
    await secretary.sendCommand("/remind");
    // The pass's answer, and a report of what cannot reach anyone (a unit without a head).
    await expectTexts(secretary, [t.remindReport(2, 0, 0, 3), t.unreachableReport("2024-12-16", [t.noHead(await unitName(db, "TTUD"))])]);

    const [reminder, ...more] = await qlkhHead.waitForMessages(1);
    expect(more).toEqual([]);
    await qlkhHead.expectNoNewMessages(200);
    const text = reminder!.text!;
    expect(text.startsWith(t.reminderTitle("2024-12-16", await unitName(db, "QLKH")))).toBe(true);
    // Overdue first, then due today, then due soon by deadline; done, cancelled and later ones left out.
    expect(taskIdsIn(reminder!)).toEqual([ids.overdue, ids.today, ids.soonInProgress, ids.soon]);
    const lines = text.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^1\. ▫️ #\d+ .* — ⛔ quá hạn 3 ngày$/);
    expect(lines[1]).toMatch(/^2\. ▫️ #\d+ .* — ❗ đến hạn hôm nay$/);
    // The task in progress shows its state.
    expect(lines[2]).toMatch(/^3\. ⏳ #\d+ .* — ⏰ còn 2 ngày$/);
    expect(lines[3]).toMatch(/^4\. ▫️ #\d+ .* — ⏰ còn 3 ngày$/);
    expect(text).toContain(t.listFooter);
    expect(buttonsOf(reminder)).toEqual(["1", "2", "3", "4"]);

    const [hcth, ...hcthMore] = await hcthHead.waitForMessages(1);
    expect(hcthMore).toEqual([]);
    expect(hcth!.text!.startsWith(t.reminderTitle("2024-12-16", await unitName(db, "HCTH")))).toBe(true);
    expect(taskIdsIn(hcth!)).toEqual([ids.hcth]);
    expect(buttonsOf(hcth)).toEqual(["1"]);

    // Nothing due for QLCN: no message at all.
    await qlcnHead.expectNoNewMessages(0);
  });

  it("sends nothing twice: a second /remind the same day reports the reminders as already sent", async () => {
    const before = await db.delivery.count();
    tb.clock.set("2024-12-16 10:30");
    await secretary.sendCommand("/remind");
    const [report, ...more] = await secretary.waitForMessages(1);
    expect(report!.text).toBe(t.remindReport(0, 2, 0, 3));
    expect(more).toEqual([]);
    await tb.settle();
    await secretary.expectNoNewMessages(200);
    for (const head of [qlkhHead, hcthHead, qlcnHead]) await head.expectNoNewMessages(0);
    expect(await db.delivery.count()).toBe(before);
  });

  it("a restart later the same day sends nothing again", async () => {
    tb.clock.set("2024-12-16 14:00");
    await tb.restart();
    await tb.settle();
    for (const user of [secretary, qlkhHead, hcthHead, qlcnHead]) await user.expectNoNewMessages(100);
  });

  it("sends no reminder on Saturday or Sunday", async () => {
    tb.clock.set("2024-12-21 08:30");
    await secretary.sendCommand("/remind");
    const [answer] = await secretary.waitForMessages(1);
    expect(answer!.text).toBe(t.remindNotWorkingDay("2024-12-21"));
    tb.clock.set("2024-12-22 09:00");
    await tb.restart();
    await tb.settle();
    for (const user of [secretary, qlkhHead, hcthHead, qlcnHead]) await user.expectNoNewMessages(100);
    expect(await db.delivery.count({ where: { day: { in: ["2024-12-21", "2024-12-22"] } } })).toBe(0);
  });

  it("does not remind a task once it is done", async () => {
    // Mark everything QLKH had due as done; Monday 23/12 then has nothing for QLKH.
    await db.taskPart.updateMany({ where: { id: { in: [ids.overdue, ids.today, ids.soonInProgress, ids.soon, ids.later] } }, data: { status: "done", doneOn: "2024-12-20" } });
    tb.clock.set("2024-12-23 08:10");
    await secretary.sendCommand("/remind");
    await secretary.waitForMessages((m) => m.text?.startsWith("Nhắc việc hôm nay") ?? false);
    await tb.settle();
    await qlkhHead.expectNoNewMessages(0);
    const [hcth] = await hcthHead.waitForMessages(1);
    expect(taskIdsIn(hcth!)).toEqual([ids.hcth, ids.hcthLater]);
  });
});

describe("catch-up after a restart, and overdue tasks every 2 working days", () => {
  let tb: TestBot;
  let db: Db;
  let head: TestUser;
  let overdueId: number;

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    // HCTH's only dated task, due Friday 13/12; everything else is due 31/12 (not due soon before 28/12).
    const task = (await partsOf(db, "HCTH")).find((x) => x.deadline === "2024-12-25")!;
    overdueId = task.id;
    await db.taskPart.update({ where: { id: overdueId }, data: { deadline: "2024-12-13" } });
    head = await tb.register(702, "Hà", "unit_head", "HCTH");
  });
  afterAll(async () => tb?.close());

  it("sends nothing when restarted before the reminder hour", async () => {
    tb.clock.set("2024-12-16 07:00");
    await tb.restart();
    await tb.settle();
    await head.expectNoNewMessages(200);
    expect(await db.delivery.count()).toBe(0);
  });

  it("sends a pass missed while the bot was down when it starts", async () => {
    tb.clock.set("2024-12-16 09:30");
    await tb.restart();
    const [reminder, ...more] = await head.waitForMessages(1);
    expect(more).toEqual([]);
    expect(reminder!.text).toContain(t.reminderTitle("2024-12-16", await unitName(db, "HCTH")));
    expect(reminder!.text).toContain("⛔ quá hạn 3 ngày");
    expect(taskIdsIn(reminder!)).toEqual([overdueId]);
  });

  it("does not send it again on another restart the same day", async () => {
    tb.clock.set("2024-12-16 11:00");
    await tb.restart();
    await tb.settle();
    await head.expectNoNewMessages(200);
  });

  /** Restarts on `day` at 09:00 and returns whether the overdue task was in a reminder. */
  async function listedOn(day: string): Promise<boolean> {
    tb.clock.set(`${day} 09:00`);
    await tb.restart();
    await tb.settle(); // what the catch-up wrote to the outbox has gone out
    const fresh = head.allMessages().filter((m) => m.text?.includes(t.reminderTitle(day, "")) ?? false);
    return fresh.some((m) => taskIdsIn(m).includes(overdueId));
  }

  it("lists an overdue task again only every 2 working days, weekends not counted", async () => {
    const seen: Record<string, boolean> = {};
    for (const day of ["2024-12-17", "2024-12-18", "2024-12-19", "2024-12-20", "2024-12-21", "2024-12-22", "2024-12-23", "2024-12-24"]) {
      seen[day] = await listedOn(day);
    }
    expect(seen).toEqual({
      "2024-12-17": false, // Tue: listed Monday
      "2024-12-18": true, // Wed: 2 working days later
      "2024-12-19": false,
      "2024-12-20": true, // Fri
      "2024-12-21": false, // Sat
      "2024-12-22": false, // Sun
      "2024-12-23": false, // Mon: only 1 working day since Friday
      "2024-12-24": true, // Tue
    });
    // One reminder each listed day, none on the others.
    const days = (await db.delivery.findMany({ where: { kind: "reminder" }, orderBy: { day: "asc" } })).map((d) => d.day);
    expect(days).toEqual(["2024-12-16", "2024-12-18", "2024-12-20", "2024-12-24"]);
  });
});

describe("reminders that do not reach the unit head", () => {
  let tb: TestBot;
  let db: Db;
  let secretary: TestUser;
  let hcthHead: TestUser;
  let qlkhHead: TestUser;
  let hcthName: string;

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    const hcth = (await partsOf(db, "HCTH")).find((x) => x.deadline === "2024-12-25")!;
    await db.taskPart.update({ where: { id: hcth.id }, data: { deadline: "2024-12-13" } });
    const qlkh = (await partsOf(db, "QLKH"))[0]!;
    await db.taskPart.update({ where: { id: qlkh.id }, data: { deadline: "2024-12-17" } });
    hcthName = await unitName(db, "HCTH");
    secretary = await tb.register(501, "Quang", "secretary");
    hcthHead = await tb.register(702, "Hà", "unit_head", "HCTH");
    qlkhHead = await tb.register(701, "Khoa", "unit_head", "QLKH");
  });
  afterAll(async () => tb?.close());

  let attempts = 0;

  it("a head who blocked the bot: the reminder fails with the true reason, is listed to the secretary once, the head marked unreachable", async () => {
    attempts = sendAttempts(tb, hcthHead.chatId);
    tb.emulator.blockChat(hcthHead.chatId);
    tb.clock.set("2024-12-16 08:05");
    await secretary.sendCommand("/remind");
    await expectTexts(secretary, [
      t.remindReport(2, 0, 0, 2),
      delivery.failureReport([delivery.failureLine("Hà", hcthName, "reminder", false, "Forbidden: bot was blocked by the user")]),
    ]);
    await qlkhHead.waitForMessages(1);
    expect((await memberOf(db, hcthHead)).reachable).toBe(false);
    const row = await db.delivery.findFirstOrThrow({ where: { kind: "reminder", day: "2024-12-16", member: { telegramUserId: "702" } } });
    expect(row).toMatchObject({ state: "failed", error: "Forbidden: bot was blocked by the user", attempts: 1 });
    expect(sendAttempts(tb, hcthHead.chatId)).toBe(attempts + 1);
  });

  it("does not try again the same day, and does not report twice", async () => {
    await secretary.sendCommand("/remind");
    const [answer, ...more] = await secretary.waitForMessages(1);
    expect(more).toEqual([]);
    expect(answer!.text).toBe(t.remindReport(0, 2, 0, 2));
    tb.clock.set("2024-12-16 15:00");
    await tb.restart();
    await tb.settle();
    await secretary.expectNoNewMessages(100);
    expect(sendAttempts(tb, hcthHead.chatId)).toBe(attempts + 1);
  });

  it("the next day: the unreachable head is not tried again, the secretary is told once more", async () => {
    tb.clock.set("2024-12-17 08:05");
    await secretary.sendCommand("/remind");
    await expectTexts(secretary, [t.remindReport(1, 0, 1, 2), t.unreachableReport("2024-12-17", [t.unreachableMember("Hà", hcthName)])]);
    expect(sendAttempts(tb, hcthHead.chatId)).toBe(attempts + 1);
    expect((await memberOf(db, hcthHead)).reachable).toBe(false);
    await qlkhHead.waitForMessages(1);
  });

  it("once the head opens the bot again, the day's reminder reaches them", async () => {
    tb.emulator.unblockChat(hcthHead.chatId);
    await hcthHead.sendCommand("/start");
    await hcthHead.waitForMessages((m) => m.text?.startsWith(t.welcomeBack("Hà")) ?? false);
    expect((await memberOf(db, hcthHead)).reachable).toBe(true);
    await secretary.sendCommand("/remind");
    const [report] = await secretary.waitForMessages(1);
    expect(report!.text).toBe(t.remindReport(1, 1, 0, 2));
    const [reminder, ...more] = await hcthHead.waitForMessages(1);
    expect(more).toEqual([]);
    expect(reminder!.text).toContain(t.reminderTitle("2024-12-17", hcthName));
    // It was never delivered as overdue before, so it is listed now.
    expect(reminder!.text).toContain("⛔ quá hạn 4 ngày");
  });

  it("waits out a 429 (retry_after 1) and delivers the reminder once", async () => {
    // Wednesday: only QLKH's task (overdue since yesterday) is due; HCTH's was listed yesterday.
    tb.clock.set("2024-12-18 08:05");
    const attempts = sendAttempts(tb, qlkhHead.chatId);
    tb.emulator.rateLimitNextSends(1, 1);
    const started = Date.now();
    await tb.restart();
    const [reminder, ...more] = await qlkhHead.waitForMessages(1);
    // The 429 put it back in the queue for retry_after, then it went out once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(more).toEqual([]);
    expect(reminder!.text).toContain(t.reminderTitle("2024-12-18", await unitName(db, "QLKH")));
    await qlkhHead.expectNoNewMessages(200);
    expect(sendAttempts(tb, qlkhHead.chatId) - attempts).toBe(2);
    const delivery = await db.delivery.findFirstOrThrow({ where: { kind: "reminder", day: "2024-12-18", member: { telegramUserId: "701" } } });
    expect(delivery.state).toBe("sent");
    expect(delivery.messageId).toBe(reminder!.message_id);
    await hcthHead.expectNoNewMessages(0);
  });
});
