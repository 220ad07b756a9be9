// Status back, end to end: the buttons under a reminder or a /tasks list, the notes they ask for,
// plain replies, extension requests and their decision, and who may change what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { shorten } from "../../src/domain/text.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, statusLabel } from "../../src/messages/index.js";
import { isForceReply, startTestBot, type TestBot } from "../support/bot.js";
import { history, memberOf, seed, partsOf } from "../support/data.js";

function task(db: Db, id: number) {
  return db.task.findUniqueOrThrow({ where: { id } });
}

function buttonsOf(message: BotMessage) {
  return message.reply_markup?.inline_keyboard?.flat() ?? [];
}

/** Everything that can change when a status is recorded, to show that nothing did. */
async function snapshot(db: Db) {
  return {
    tasks: await db.task.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, note: true, deadline: true, doneOn: true } }),
    updates: await db.statusUpdate.count(),
    extensions: await db.extensionRequest.count(),
  };
}

describe("status back from unit heads", () => {
  let tb: TestBot;
  let db: Db;
  let secretary: TestUser;
  let secretary2: TestUser;
  let director: TestUser;
  let deputy: TestUser;
  let qlkhHead: TestUser;
  let hcthHead: TestUser;
  /** QLKH's three tasks due this week (reminder numbers 1, 2, 3), and HCTH's one. */
  let q: [number, number, number];
  let h: number;
  let qlkhReminder: BotMessage;
  let hcthReminder: BotMessage;

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    const qlkh = await partsOf(db, "QLKH");
    await db.task.update({ where: { id: qlkh[0]!.id }, data: { deadline: "2024-12-17", deadlineStated: true } });
    await db.task.update({ where: { id: qlkh[1]!.id }, data: { deadline: "2024-12-18", deadlineStated: true } });
    await db.task.update({ where: { id: qlkh[2]!.id }, data: { deadline: "2024-12-19", deadlineStated: true } });
    q = [qlkh[0]!.id, qlkh[1]!.id, qlkh[2]!.id];
    h = (await partsOf(db, "HCTH")).find((x) => x.deadline === "2024-12-25")!.id;
    await db.task.update({ where: { id: h }, data: { deadline: "2024-12-18" } });
    secretary = await tb.register(501, "Quang", "secretary");
    secretary2 = await tb.register(502, "Lan", "secretary");
    director = await tb.register(401, "Giám", "director");
    deputy = await tb.register(402, "Phó", "deputy");
    qlkhHead = await tb.register(701, "Khoa", "unit_head", "QLKH");
    hcthHead = await tb.register(702, "Hà", "unit_head", "HCTH");
    tb.clock.set("2024-12-16 08:05");
    await secretary.sendCommand("/remind");
    await secretary.waitForMessages((m) => m.text?.startsWith("Nhắc việc hôm nay") ?? false);
    qlkhReminder = (await qlkhHead.waitForMessages(1))[0]!;
    hcthReminder = (await hcthHead.waitForMessages(1))[0]!;
  });
  afterAll(async () => tb?.close());

  it("the reminders number the tasks", () => {
    expect([...qlkhReminder.text!.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1]))).toEqual(q);
    expect(hcthReminder.text).toContain(`1. ▫️ [#${h}]`);
  });

  it("✅ records done with the day and who, answers, and redraws the reminder in place", async () => {
    const head = await memberOf(db, qlkhHead);
    const pressed = await qlkhHead.press(qlkhReminder, `st:${q[0]}:d`);
    expect((await qlkhHead.waitForCallbackAnswer(pressed)).text).toBe(t.recorded.done);
    const [edited, ...more] = await qlkhHead.waitForMessages(1);
    expect(more).toEqual([]);
    expect(edited!.message_id).toBe(qlkhReminder.message_id);
    expect(edited!.edited).toBe(true);
    const row = edited!.reply_markup!.inline_keyboard![0]!;
    expect(row.map((b) => b.text)).toEqual([`1 • ${t.buttons.done}`, `1 ${t.buttons.progress}`, `1 ${t.buttons.blocked}`, `1 ${t.buttons.extend}`]);
    expect(edited!.reply_markup!.inline_keyboard).toHaveLength(3);
    expect(edited!.text).toContain(`1. ✅ [#${q[0]}]`);
    expect(edited!.text).toContain(statusLabel.done);
    expect(edited!.text!.split("\n")[0]).toBe(qlkhReminder.text!.split("\n")[0]);

    const row0 = await task(db, q[0]);
    expect(row0.status).toBe("done");
    expect(row0.doneOn).toBe("2024-12-16");
    const done = (await history(db, q[0])).filter((u) => u.kind === "done");
    expect(done).toHaveLength(1);
    expect(done[0]!.memberId).toBe(head.id);
    expect(done[0]!.status).toBe("done");
  });

  it("pressing the same status again appends nothing to the history", async () => {
    const before = await snapshot(db);
    const pressed = await qlkhHead.press(qlkhHead.allMessages().find((m) => m.message_id === qlkhReminder.message_id)!, `st:${q[0]}:d`);
    expect((await qlkhHead.waitForCallbackAnswer(pressed)).text).toBe(t.recorded.done);
    await qlkhHead.expectNoNewMessages(200);
    expect(await snapshot(db)).toEqual(before);
  });

  it("a double tap while the bot is busy records one change", async () => {
    const before = (await history(db, q[2])).length;
    const message = tb.emulator.botMessage(qlkhReminder.message_id)!;
    // The secretary's /summary keeps the bot busy for a second (a 429 waited out), so both presses
    // reach it in one batch of updates and are handled at the same time.
    tb.emulator.rateLimitNextSends(1, 1);
    await secretary.sendCommand("/summary");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const first = await qlkhHead.press(message, `st:${q[2]}:d`);
    const second = await qlkhHead.press(message, `st:${q[2]}:d`);
    expect((await qlkhHead.waitForCallbackAnswer(first, 5000)).text).toBe(t.recorded.done);
    expect((await qlkhHead.waitForCallbackAnswer(second, 5000)).text).toBe(t.recorded.done);
    await secretary.waitForMessages((m) => !!m.document, 5000);
    await qlkhHead.waitForMessages(1);
    await qlkhHead.expectNoNewMessages(200);
    const updates = await history(db, q[2]);
    expect(updates.slice(before).map((u) => u.kind)).toEqual(["done"]);
    // Back to open for the next tests (as a secretary's correction would).
    await db.task.update({ where: { id: q[2] }, data: { status: "open", doneOn: null } });
  });

  it("⏳ asks for a note; the next text is the task's note and is kept in the history", async () => {
    const pressed = await qlkhHead.press(tb.emulator.botMessage(qlkhReminder.message_id)!, `st:${q[1]}:p`);
    expect((await qlkhHead.waitForCallbackAnswer(pressed)).text).toBe(t.recorded.in_progress);
    const messages = await qlkhHead.waitForMessages((m) => isForceReply(m));
    const ask = messages.find(isForceReply)!;
    const content = (await task(db, q[1])).content;
    expect(ask.text).toBe(t.askNote(q[1], shorten(content, 80)));
    expect(messages.find((m) => m.message_id === qlkhReminder.message_id)?.reply_markup?.inline_keyboard?.[1]?.[1]?.text).toBe(
      `2 • ${t.buttons.progress}`,
    );

    await qlkhHead.reply(ask, "Đã xây dựng dự thảo, đang lấy ý kiến các phòng");
    const [saved] = await qlkhHead.waitForMessages(1);
    expect(saved!.text).toBe(t.noteSaved(q[1]));
    const row = await task(db, q[1]);
    expect(row.status).toBe("in_progress");
    expect(row.note).toBe("Đã xây dựng dự thảo, đang lấy ý kiến các phòng");
    expect((await history(db, q[1])).map((u) => [u.kind, u.note])).toEqual([
      ["created", null],
      ["in_progress", null],
      ["note", "Đã xây dựng dự thảo, đang lấy ý kiến các phòng"],
    ]);
  });

  it("⚠️ asks for the blocking reason and stores it", async () => {
    await qlkhHead.press(tb.emulator.botMessage(qlkhReminder.message_id)!, `st:${q[2]}:b`);
    expect((await qlkhHead.waitForCallbackAnswer()).text).toBe(t.recorded.blocked);
    const ask = (await qlkhHead.waitForMessages(isForceReply)).find(isForceReply)!;
    expect(ask.text).toBe(t.askBlocker(q[2], shorten((await task(db, q[2])).content, 80)));
    await qlkhHead.sendText("Chờ Sở Tài chính thẩm định kinh phí");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved(q[2]));
    const row = await task(db, q[2]);
    expect(row.status).toBe("blocked");
    expect(row.note).toBe("Chờ Sở Tài chính thẩm định kinh phí");
    expect((await history(db, q[2])).at(-1)).toMatchObject({ kind: "note", status: "blocked", note: "Chờ Sở Tài chính thẩm định kinh phí" });
  });

  it("a plain reply to a one-task reminder is that task's note", async () => {
    const head = await memberOf(db, hcthHead);
    await hcthHead.reply(hcthReminder, "Đã gửi dự thảo Kế hoạch công tác năm 2025 xin ý kiến");
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved(h));
    expect((await task(db, h)).note).toBe("Đã gửi dự thảo Kế hoạch công tác năm 2025 xin ý kiến");
    expect((await history(db, h)).at(-1)).toMatchObject({ kind: "note", memberId: head.id, status: "open" });
  });

  it("a reply «2 …» to a multi-task reminder goes to task 2", async () => {
    await qlkhHead.reply(qlkhReminder, "2 đã trình Lãnh đạo Sở");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved(q[1]));
    expect((await task(db, q[1])).note).toBe("đã trình Lãnh đạo Sở");
    expect((await task(db, q[0])).note).toBeNull();
  });

  it("a reply without a number asks which task, and the pressed number gets the note", async () => {
    await qlkhHead.reply(qlkhReminder, "Đang tổng hợp số liệu");
    const [question] = await qlkhHead.waitForMessages(1);
    expect(question!.text).toBe(t.pickTask);
    expect(buttonsOf(question!).map((b) => b.text)).toEqual(["1", "2", "3"]);
    await qlkhHead.press(question!, "3");
    await qlkhHead.waitForCallbackAnswer();
    const messages = await qlkhHead.waitForMessages((m) => m.text === t.noteSaved(q[2]));
    expect(messages.find((m) => m.message_id === question!.message_id)?.reply_markup?.inline_keyboard ?? []).toEqual([]);
    expect((await task(db, q[2])).note).toBe("Đang tổng hợp số liệu");
  });

  it("a number out of range is refused and changes nothing", async () => {
    const before = await snapshot(db);
    await qlkhHead.reply(qlkhReminder, "7 đã xong");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.badNumber(3));
    expect(await snapshot(db)).toEqual(before);
  });

  it("a numbered reply to the reminder while a note is asked for goes to the numbered task", async () => {
    const q1Note = (await task(db, q[1])).note;
    await qlkhHead.press(tb.emulator.botMessage(qlkhReminder.message_id)!, `st:${q[1]}:p`);
    await qlkhHead.waitForCallbackAnswer();
    await qlkhHead.waitForMessages(isForceReply);
    await qlkhHead.reply(qlkhReminder, "3 Sở Tài chính đã có ý kiến");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved(q[2]));
    expect((await task(db, q[2])).note).toBe("Sở Tài chính đã có ý kiến");
    expect((await task(db, q[1])).note).toBe(q1Note);
  });

  it("a crafted button for another unit's task is refused and changes nothing", async () => {
    const before = await snapshot(db);
    const revision = tb.emulator.botMessage(qlkhReminder.message_id)!.revision;
    const pressed = await hcthHead.press(hcthReminder, `st:${q[1]}:d`, { unchecked: true });
    expect(await hcthHead.waitForCallbackAnswer(pressed)).toEqual({ text: t.notYourTask, show_alert: true });
    await hcthHead.press(hcthReminder, `st:${q[2]}:e`, { unchecked: true });
    expect((await hcthHead.waitForCallbackAnswer()).text).toBe(t.notYourTask);
    await hcthHead.expectNoNewMessages(200);
    expect(await snapshot(db)).toEqual(before);
    expect(tb.emulator.botMessage(qlkhReminder.message_id)!.revision).toBe(revision);
  });

  it("📅 asks for a date; a wrong or too early date is refused; a valid one goes to the secretaries", async () => {
    await hcthHead.press(hcthReminder, `st:${h}:e`);
    await hcthHead.waitForCallbackAnswer();
    const [ask] = await hcthHead.waitForMessages(1);
    expect(ask!.text).toBe(t.askExtension(h, "2024-12-18"));
    expect(isForceReply(ask!)).toBe(true);

    await hcthHead.reply(ask!, "31/02/2025");
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.badDate);
    await hcthHead.sendText("17/12/2024");
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.extensionNotLater("2024-12-18"));
    await hcthHead.sendText("18/12/2024");
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.extensionNotLater("2024-12-18"));
    expect(await db.extensionRequest.count()).toBe(0);

    await hcthHead.sendText("10/01/2025");
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.extensionSent);
    const request = await db.extensionRequest.findFirstOrThrow({ where: { taskId: h } });
    expect(request).toMatchObject({ state: "pending", requestedOn: "2025-01-10", memberId: (await memberOf(db, hcthHead)).id });
    expect((await task(db, h)).deadline).toBe("2024-12-18");
    expect((await history(db, h)).at(-1)).toMatchObject({ kind: "extension", note: "2024-12-18 → 2025-01-10" });

    const row = await db.task.findUniqueOrThrow({ where: { id: h }, include: { unit: true } });
    const expected = t.extensionRequest("Hà", row.unit.name, h, shorten(row.content, 300), "2024-12-18", "2025-01-10");
    for (const sec of [secretary, secretary2]) {
      const [message, ...more] = await sec.waitForMessages(1);
      expect(more).toEqual([]);
      expect(message!.text).toBe(expected);
      expect(buttonsOf(message!).map((b) => [b.text, b.callback_data])).toEqual([
        [t.approve, `ex:${request.id}:a`],
        [t.refuse, `ex:${request.id}:r`],
      ]);
    }
    await director.expectNoNewMessages(0);

    // While it waits, 📅 again is refused.
    await hcthHead.press(tb.emulator.botMessage(hcthReminder.message_id)!, `st:${h}:e`);
    expect(await hcthHead.waitForCallbackAnswer()).toEqual({ text: t.extensionPending, show_alert: true });
  });

  it("approving moves the deadline and tells the unit head; a second decision is refused", async () => {
    const request = await db.extensionRequest.findFirstOrThrow({ where: { taskId: h } });
    const secMessage = secretary.allMessages().at(-1)!;
    const sec2Message = secretary2.allMessages().at(-1)!;
    await secretary.press(secMessage, t.approve);
    expect((await secretary.waitForCallbackAnswer()).text).toBe(t.approve);
    const [edited] = await secretary.waitForMessages(1);
    expect(edited!.text).toBe(secMessage.text + t.extensionDecided(t.approve, "Quang"));
    expect(buttonsOf(edited!)).toEqual([]);
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.extensionApproved(h, "2025-01-10"));
    expect((await task(db, h)).deadline).toBe("2025-01-10");
    expect(await db.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: "approved",
      decidedById: (await memberOf(db, secretary)).id,
    });
    expect((await history(db, h)).at(-1)).toMatchObject({ kind: "extension_approved", note: "2024-12-18 → 2025-01-10" });

    const before = await snapshot(db);
    await secretary.press(edited!, `ex:${request.id}:a`, { unchecked: true });
    expect(await secretary.waitForCallbackAnswer()).toEqual({ text: t.extensionAlreadyDecided, show_alert: true });
    await secretary2.press(sec2Message, t.refuse);
    expect(await secretary2.waitForCallbackAnswer()).toEqual({ text: t.extensionAlreadyDecided, show_alert: true });
    await hcthHead.expectNoNewMessages(200);
    expect(await snapshot(db)).toEqual(before);
    expect((await db.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("approved");
  });

  it("refusing keeps the deadline and tells the unit head", async () => {
    await qlkhHead.press(tb.emulator.botMessage(qlkhReminder.message_id)!, `st:${q[2]}:e`);
    await qlkhHead.waitForCallbackAnswer();
    await qlkhHead.waitForMessages(1);
    await qlkhHead.sendText("31/12/2024");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.extensionSent);
    const request = await db.extensionRequest.findFirstOrThrow({ where: { taskId: q[2] } });
    await secretary.waitForMessages(1);
    const [message] = await secretary2.waitForMessages(1);
    await secretary2.press(message!, t.refuse);
    expect((await secretary2.waitForCallbackAnswer()).text).toBe(t.refuse);
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.extensionRefused(q[2]));
    expect((await task(db, q[2])).deadline).toBe("2024-12-19");
    expect((await db.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("refused");
    expect((await history(db, q[2])).map((u) => u.kind)).toContain("extension");
  });

  it("a deputy sees the lists but cannot change a status", async () => {
    await deputy.sendCommand("/tasks");
    const [pick] = await deputy.waitForMessages(1);
    expect(pick!.text).toBe(t.pickUnit);
    await deputy.press(pick!, "tl:QLKH");
    await deputy.waitForCallbackAnswer();
    const [list] = await deputy.waitForMessages(1);
    expect(list!.text!.startsWith(t.tasksTitle("Phòng Quản lý Khoa học"))).toBe(true);
    const before = await snapshot(db);
    await deputy.press(list!, `st:${q[1]}:d`);
    expect(await deputy.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });
    await deputy.expectNoNewMessages(200);
    expect(await snapshot(db)).toEqual(before);
  });

  it("the director can change a task's status from /tasks QLKH", async () => {
    await director.sendCommand("/tasks QLKH");
    const [list] = await director.waitForMessages(1);
    const last = buttonsOf(list!).at(-4)!;
    const id = Number(/^st:(\d+):d$/.exec(last.callback_data!)![1]);
    await director.press(list!, last.callback_data!);
    expect((await director.waitForCallbackAnswer()).text).toBe(t.recorded.done);
    const [edited] = await director.waitForMessages(1);
    expect(edited!.message_id).toBe(list!.message_id);
    expect(buttonsOf(edited!).at(-4)!.text).toMatch(/• ✅/);
    expect(await task(db, id)).toMatchObject({ status: "done", doneOn: "2024-12-16" });
    expect((await history(db, id)).at(-1)!.memberId).toBe((await memberOf(db, director)).id);
  });

  it("/tasks for a unit head lists the unit's open tasks with buttons; a numbered reply stores a note", async () => {
    const open = await db.task.findMany({ where: { unit: { code: "QLKH" }, status: { in: ["open", "in_progress", "blocked"] } } });
    await qlkhHead.sendCommand("/tasks");
    const [list, ...more] = await qlkhHead.waitForMessages(1);
    expect(more).toEqual([]);
    expect(list!.text!.startsWith(t.tasksTitle("Phòng Quản lý Khoa học"))).toBe(true);
    const shown = [...list!.text!.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1]));
    expect(shown.sort((a, b) => a - b)).toEqual(open.map((x) => x.id).sort((a, b) => a - b));
    expect(list!.reply_markup!.inline_keyboard).toHaveLength(open.length);
    expect(list!.reply_markup!.inline_keyboard!.every((row) => row.length === 4)).toBe(true);
    // Nothing of another unit.
    expect(shown).not.toContain(h);
    // Soonest deadline first: task 2 of the reminder (18/12) is number 1 here.
    expect(shown[0]).toBe(q[1]);

    await qlkhHead.reply(list!, "1 Đã hoàn thiện hồ sơ trình UBND tỉnh");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved(q[1]));
    expect((await task(db, q[1])).note).toBe("Đã hoàn thiện hồ sơ trình UBND tỉnh");
  });

  it("staff /tasks shows unit buttons with counts, /tasks QLKH lists that unit", async () => {
    const open = await db.task.count({ where: { unit: { code: "QLKH" }, status: { in: ["open", "in_progress", "blocked"] } } });
    await secretary.sendCommand("/tasks");
    const [pick] = await secretary.waitForMessages(1);
    expect(pick!.text).toBe(t.pickUnit);
    expect(buttonsOf(pick!).map((b) => b.callback_data)).toEqual(["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"].map((c) => `tl:${c}`));
    expect(buttonsOf(pick!)[0]!.text).toBe(t.unitCount("QLKH", open));
    await secretary.sendCommand("/tasks QLKH");
    const [list] = await secretary.waitForMessages(1);
    expect(list!.text!.startsWith(t.tasksTitle("Phòng Quản lý Khoa học"))).toBe(true);
    expect(list!.reply_markup!.inline_keyboard).toHaveLength(open);
  });
});
