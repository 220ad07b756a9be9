// Status back, end to end: a reminder or a /tasks list numbers the unit's tasks; a number opens the
// task's card, whose buttons record the unit's part; notes, plain replies, extension requests and
// their decision by the director or the deputy overseeing the unit; who may change what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t } from "../../src/messages/index.js";
import { buttonsOf, isForceReply, startTestBot, type TestBot } from "../support/bot.js";
import { history, memberOf, partsOf, seed } from "../support/data.js";

function part(db: Db, id: number) {
  return db.taskPart.findUniqueOrThrow({ where: { id } });
}

/** Everything that can change when a status is recorded, to show that nothing did. */
async function snapshot(db: Db) {
  return {
    parts: await db.taskPart.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, note: true, deadline: true, doneOn: true } }),
    events: await db.taskEvent.count(),
    extensions: await db.extensionRequest.count(),
  };
}

describe("status back from unit heads", () => {
  let tb: TestBot;
  let db: Db;
  let secretary: TestUser;
  let director: TestUser;
  let deputy: TestUser;
  let qlkhHead: TestUser;
  let hcthHead: TestUser;
  /** QLKH's three parts due this week (reminder numbers 1, 2, 3), and HCTH's one. */
  let q: [number, number, number];
  let h: number;
  let qlkhReminder: BotMessage;
  let hcthReminder: BotMessage;

  /** Presses number `n` under a list and returns the card it opens. */
  async function openCard(user: TestUser, list: BotMessage, n: number): Promise<BotMessage> {
    const pressed = await user.press(list, String(n));
    await user.waitForCallbackAnswer(pressed);
    const [card, ...more] = await user.waitForMessages(1);
    expect(more).toEqual([]);
    return card!;
  }

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    const qlkh = (await partsOf(db, "QLKH")).filter((x) => !x.task.deadlineStated);
    // QLKH's own three tasks (not the shared ones) get deadlines this week.
    const own = qlkh.slice(-3);
    for (const [i, day] of ["2024-12-17", "2024-12-18", "2024-12-19"].entries()) await db.taskPart.update({ where: { id: own[i]!.id }, data: { deadline: day } });
    q = [own[0]!.id, own[1]!.id, own[2]!.id];
    h = (await partsOf(db, "HCTH")).find((x) => x.deadline === "2024-12-25")!.id;
    await db.taskPart.update({ where: { id: h }, data: { deadline: "2024-12-18" } });
    secretary = await tb.register(501, "Quang", "secretary");
    director = await tb.register(401, "Giám", "director");
    deputy = await tb.register(402, "Phó", "deputy", undefined, ["QLKH"]);
    qlkhHead = await tb.register(701, "Khoa", "unit_head", "QLKH");
    hcthHead = await tb.register(702, "Hà", "unit_head", "HCTH");
    tb.clock.set("2024-12-16 08:05");
    await secretary.sendCommand("/remind");
    await secretary.waitForMessages((m) => m.text?.startsWith("Nhắc việc hôm nay") ?? false);
    qlkhReminder = (await qlkhHead.waitForMessages(1))[0]!;
    hcthReminder = (await hcthHead.waitForMessages(1))[0]!;
  });
  afterAll(async () => tb?.close());

  it("a reminder is a compact numbered list with one row of number buttons, nothing else", async () => {
    const ids = await Promise.all(q.map(async (id) => (await part(db, id)).taskId));
    expect([...qlkhReminder.text!.matchAll(/^\d+\. \S+ #(\d+)/gm)].map((m) => Number(m[1]))).toEqual(ids);
    expect(qlkhReminder.text).toContain("⏰ còn 1 ngày");
    expect(qlkhReminder.reply_markup!.inline_keyboard!.map((row) => row.map((b) => [b.text, b.callback_data]))).toEqual([[
      ["1", `pt:${q[0]}`], ["2", `pt:${q[1]}`], ["3", `pt:${q[2]}`],
    ]]);
    expect(hcthReminder.text).toContain(`1. ▫️ #${(await part(db, h)).taskId} `);
  });

  it("a number opens the task's card with the unit's status buttons; ✅ records done and redraws the card only", async () => {
    const head = await memberOf(db, qlkhHead);
    const card = await openCard(qlkhHead, qlkhReminder, 1);
    expect(card.text).toContain("Phòng Quản lý Khoa học (chủ trì)");
    expect(card.text).toContain("hạn 17/12/2024");
    expect(card.text).toContain("Tình trạng: ▫️ chưa báo cáo");
    expect(buttonsOf(card)).toEqual([t.buttons.done, t.buttons.progress, t.buttons.blocked, t.buttons.extend]);

    const pressed = await qlkhHead.press(card, t.buttons.done);
    expect((await qlkhHead.waitForCallbackAnswer(pressed)).text).toBe(t.recorded.done);
    const [edited, ...more] = await qlkhHead.waitForMessages(1);
    expect(more).toEqual([]);
    expect([edited!.message_id, edited!.edited]).toEqual([card.message_id, true]);
    expect(edited!.text).toContain("Tình trạng: ✅ đã hoàn thành");
    expect(buttonsOf(edited)![0]).toBe(`• ${t.buttons.done}`);
    // The list looks as it did.
    expect(tb.emulator.botMessage(qlkhReminder.message_id)!.revision).toBe(0);

    expect(await part(db, q[0])).toMatchObject({ status: "done", doneOn: "2024-12-16" });
    const done = (await history(db, (await part(db, q[0])).taskId)).filter((u) => u.kind === "done");
    expect(done.map((u) => [u.memberId, u.partId, u.status])).toEqual([[head.id, q[0], "done"]]);
  });

  it("pressing the same status again says so and appends nothing", async () => {
    const before = await snapshot(db);
    const card = qlkhHead.allMessages().find((m) => m.text?.includes("Tình trạng: ✅"))!;
    await qlkhHead.press(card, `• ${t.buttons.done}`);
    expect((await qlkhHead.waitForCallbackAnswer()).text).toBe(t.unchanged);
    await qlkhHead.expectNoNewMessages(200);
    expect(await snapshot(db)).toEqual(before);
  });

  it("⏳ asks for a note; the next text is the part's note and is kept in the history", async () => {
    const card = await openCard(qlkhHead, qlkhReminder, 2);
    await qlkhHead.press(card, t.buttons.progress);
    await qlkhHead.waitForCallbackAnswer();
    const messages = await qlkhHead.waitForMessages((m) => isForceReply(m));
    expect(messages.at(-1)!.text).toContain("Ghi chú ngắn về tiến độ");
    await qlkhHead.sendText("Đã gửi dự thảo cho Sở Tài chính");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved((await part(db, q[1])).taskId));
    expect(await part(db, q[1])).toMatchObject({ status: "in_progress", note: "Đã gửi dự thảo cho Sở Tài chính" });
  });

  it("⚠️ asks for the blocking reason and stores it", async () => {
    const card = await openCard(hcthHead, hcthReminder, 1);
    await hcthHead.press(card, t.buttons.blocked);
    await hcthHead.waitForCallbackAnswer();
    await hcthHead.waitForMessages((m) => isForceReply(m));
    await hcthHead.sendText("Chờ ý kiến của UBND tỉnh");
    await hcthHead.waitForMessages(1);
    expect(await part(db, h)).toMatchObject({ status: "blocked", note: "Chờ ý kiến của UBND tỉnh" });
  });

  it("a plain reply to a one-task reminder is that task's note; «3 …» to a longer one goes to task 3", async () => {
    await hcthHead.reply(hcthReminder, "Đã báo cáo Lãnh đạo Sở");
    await hcthHead.waitForMessages(1);
    expect((await part(db, h)).note).toBe("Đã báo cáo Lãnh đạo Sở");
    await qlkhHead.reply(qlkhReminder, "3 Đang tổng hợp ý kiến các phòng");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.noteSaved((await part(db, q[2])).taskId));
    expect((await part(db, q[2])).note).toBe("Đang tổng hợp ý kiến các phòng");
  });

  it("a reply without a number asks which task; the pressed number gets the note; a wrong number changes nothing", async () => {
    await qlkhHead.reply(qlkhReminder, "Chờ họp Lãnh đạo Sở");
    const [ask] = await qlkhHead.waitForMessages(1);
    expect(ask!.text).toBe(t.pickTask);
    expect(buttonsOf(ask)).toEqual(["1", "2", "3"]);
    await qlkhHead.press(ask!, "2");
    await qlkhHead.waitForMessages((m) => m.text === t.noteSaved(0) || (m.text?.startsWith("Đã lưu ghi chú") ?? false));
    expect((await part(db, q[1])).note).toBe("Chờ họp Lãnh đạo Sở");

    const before = await snapshot(db);
    await qlkhHead.reply(qlkhReminder, "7 Không có nhiệm vụ này");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.badNumber(1, 3));
    expect(await snapshot(db)).toEqual(before);
  });

  it("a crafted button for another unit's part, or a deputy's, is refused and changes nothing", async () => {
    const before = await snapshot(db);
    const card = hcthHead.allMessages().find((m) => m.text?.includes("Tình trạng"))!;
    await hcthHead.press(card, `st:${q[2]}:d`, { unchecked: true });
    expect(await hcthHead.waitForCallbackAnswer()).toEqual({ text: t.notYourTask, show_alert: true });
    await deputy.sendCommand("/tasks QLKH");
    const [list] = await deputy.waitForMessages(1);
    await deputy.press(list!, `st:${q[2]}:d`, { unchecked: true });
    expect(await deputy.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it("📅 asks for a date, then a reason; the request goes to the deputy overseeing the unit, not to a secretary", async () => {
    const card = await openCard(qlkhHead, qlkhReminder, 3);
    await qlkhHead.press(card, t.buttons.extend);
    await qlkhHead.waitForCallbackAnswer();
    await qlkhHead.waitForMessages((m) => isForceReply(m));
    for (const bad of ["31/02/2025", "10/12/2024", "19/12/2024"]) {
      await qlkhHead.sendText(bad);
      await qlkhHead.waitForMessages(1);
    }
    expect(await db.extensionRequest.count()).toBe(0);
    await qlkhHead.sendText("10/01/2025");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.askExtensionReason);
    await qlkhHead.sendText("Chờ số liệu quyết toán");
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.extensionSent);
    const [request] = await deputy.waitForMessages((m) => m.text?.startsWith("📅 ĐỀ NGHỊ GIA HẠN") ?? false);
    expect(request!.text).toContain("Lý do: Chờ số liệu quyết toán");
    expect(buttonsOf(request)).toEqual([t.approve, t.refuse]);
    await secretary.expectNoNewMessages(100);
    expect(await db.extensionRequest.findFirstOrThrow()).toMatchObject({ partId: q[2], requestedOn: "2025-01-10", reason: "Chờ số liệu quyết toán", state: "pending" });

    // A secretary cannot decide it, even with the button.
    await secretary.press(secretary.allMessages().at(-1)!, request!.reply_markup!.inline_keyboard![0]![0]!.callback_data!, { unchecked: true });
    expect(await secretary.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });

    await deputy.press(request!, t.approve);
    expect((await deputy.waitForCallbackAnswer()).text).toBe(t.approve);
    expect((await deputy.waitForMessages(1))[0]!.text).toContain(t.extensionDecided(t.approve, "Phó"));
    expect((await qlkhHead.waitForMessages(1))[0]!.text).toBe(t.extensionApproved((await part(db, q[2])).taskId, "2025-01-10"));
    const [told] = await secretary.waitForMessages(1);
    expect(told!.text).toContain("Phó đã đồng ý gia hạn");
    expect((await part(db, q[2])).deadline).toBe("2025-01-10");
    const kinds = (await history(db, (await part(db, q[2])).taskId)).map((u) => [u.kind, u.oldValue, u.newValue]);
    expect(kinds.slice(-2)).toEqual([["extension", "2024-12-19", "2025-01-10"], ["extension_approved", "2024-12-19", "2025-01-10"]]);

    await deputy.press(tb.emulator.botMessage(request!.message_id)!, request!.reply_markup!.inline_keyboard![0]![1]!.callback_data!, { unchecked: true });
    expect(await deputy.waitForCallbackAnswer()).toEqual({ text: t.extensionAlreadyDecided, show_alert: true });
  });

  it("a unit no deputy oversees asks the director, who may refuse", async () => {
    const card = hcthHead.allMessages().find((m) => m.text?.includes("Tình trạng"))!;
    await hcthHead.press(card, t.buttons.extend);
    await hcthHead.waitForCallbackAnswer();
    await hcthHead.waitForMessages((m) => isForceReply(m));
    await hcthHead.sendText("31/12/2024");
    await hcthHead.waitForMessages(1);
    await hcthHead.sendText("Thiếu nhân lực");
    await hcthHead.waitForMessages(1);
    const [request] = await director.waitForMessages((m) => m.text?.startsWith("📅") ?? false);
    await deputy.expectNoNewMessages(100);
    await director.press(request!, t.refuse);
    await director.waitForCallbackAnswer();
    expect((await director.waitForMessages(1))[0]!.text).toContain(t.extensionDecided(t.refuse, "Giám"));
    expect((await hcthHead.waitForMessages(1))[0]!.text).toBe(t.extensionRefused((await part(db, h)).taskId));
    expect((await part(db, h)).deadline).toBe("2024-12-18");
    expect((await secretary.waitForMessages(1))[0]!.text).toContain("không đồng ý gia hạn");
  });

  it("/tasks for a unit head pages the unit's open tasks, those it coordinates too, 8 numbers a page; a numbered reply to page 2 stores a note", async () => {
    const open = await db.taskPart.count({ where: { unit: { code: "QLKH" }, status: { in: ["open", "in_progress", "blocked"] } } });
    expect(open).toBe(10 + 2); // 10 responsible, 2 HCTH tasks QLKH coordinates
    await qlkhHead.sendCommand("/tasks");
    const [list, ...more] = await qlkhHead.waitForMessages(1);
    expect(more).toEqual([]);
    expect(list!.text!.startsWith(t.tasksTitle("Phòng Quản lý Khoa học"))).toBe(true);
    expect(list!.text).toContain(t.pageOf(1, 2));
    expect(buttonsOf(list)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", t.nextPage]);
    await qlkhHead.press(list!, t.nextPage);
    await qlkhHead.waitForCallbackAnswer();
    const [page2] = await qlkhHead.waitForMessages(1);
    expect([page2!.message_id, page2!.edited]).toEqual([list!.message_id, true]);
    expect(buttonsOf(page2)).toEqual(["9", "10", "11", "12", t.previousPage]);
    expect(page2!.text).toContain("(phối hợp)");
    const tenth = page2!.reply_markup!.inline_keyboard![0]![1]!.callback_data!;
    await qlkhHead.reply(page2!, "10 Đã hoàn thiện hồ sơ trình UBND tỉnh");
    await qlkhHead.waitForMessages(1);
    expect((await part(db, Number(tenth.split(":")[1]))).note).toBe("Đã hoàn thiện hồ sơ trình UBND tỉnh");
  });

  it("staff /tasks shows unit buttons with counts; the director can report from a card", async () => {
    await secretary.sendCommand("/tasks");
    const [pick] = await secretary.waitForMessages(1);
    expect(pick!.text).toBe(t.pickUnit);
    expect(pick!.reply_markup!.inline_keyboard!.flat().map((b) => b.callback_data)).toEqual(["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"].map((c) => `tl:${c}`));
    await director.sendCommand("/tasks QLKH");
    const [list] = await director.waitForMessages(1);
    const card = await openCard(director, list!, 1);
    await director.press(card, t.buttons.done);
    expect((await director.waitForCallbackAnswer()).text).toBe(t.recorded.done);
    const partId = Number(list!.reply_markup!.inline_keyboard![0]![0]!.callback_data!.split(":")[1]);
    expect((await history(db, (await part(db, partId)).taskId)).at(-1)!.memberId).toBe((await memberOf(db, director)).id);
  });
});
