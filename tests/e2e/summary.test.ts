// The briefing summary, end to end: the director's /summary (text parts and .docx) after a month
// of replies given in chat, and the monthly digest delivered unasked on its day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, summary as s } from "../../src/messages/index.js";
import { digestDay } from "../../src/services/digest.js";
import { isForceReply, startTestBot, type TestBot } from "../support/bot.js";
import { seed, partsOf } from "../support/data.js";
import ExcelJS from "exceljs";
import { docxLines, expectTotals, pressForDocument, receiveSummary, totalsInDb } from "../support/summary.js";

/** Opens list item `number`, presses `label` on its card and, for ⏳/⚠️, answers with `note`; returns the part. */
async function report(user: TestUser, list: BotMessage, number: number, label: string, note?: string): Promise<number> {
  await user.press(list, String(number));
  const [card] = await user.waitForMessages(1);
  await user.press(card!, label);
  await user.waitForCallbackAnswer();
  const after = await user.waitForMessages((m) => m.message_id === card!.message_id && m.edited);
  if (note !== undefined) {
    if (!after.some(isForceReply)) await user.waitForMessages(isForceReply);
    await user.sendText(note);
    await user.waitForMessages((m) => m.text?.startsWith("Đã lưu ghi chú") ?? false);
  }
  return Number(list.reply_markup!.inline_keyboard![0]![number - 1]!.callback_data!.split(":")[1]);
}

describe("the director's /summary", () => {
  let tb: TestBot;
  let db: Db;
  let director: TestUser;
  let deputy: TestUser;
  let qlkhHead: TestUser;
  let hcthHead: TestUser;
  const ids = { doneOnTime: 0, doneLate: 0, inProgress: 0, blocked: 0, overdue: 0 };
  const BLOCKER = "Chưa bố trí được kinh phí thực hiện";
  const NOTE = "Đang lấy ý kiến các phòng chuyên môn";

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    // Thanh tra's only task gets an explicit deadline that will have passed untouched.
    const ttra = await partsOf(db, "TTRA");
    ids.overdue = ttra.at(-1)!.id;
    await db.taskPart.update({ where: { id: ids.overdue }, data: { deadline: "2024-12-20" } });
    director = await tb.register(401, "Giám", "director");
    deputy = await tb.register(402, "Phó", "deputy");
    qlkhHead = await tb.register(701, "Khoa", "unit_head", "QLKH");
    hcthHead = await tb.register(702, "Hà", "unit_head", "HCTH");

    // 10/12: QLKH reports one done, one in progress with a note, one blocked with the reason.
    tb.clock.set("2024-12-10 10:00");
    await qlkhHead.sendCommand("/tasks");
    const [qlkhList] = await qlkhHead.waitForMessages(1);
    ids.doneOnTime = await report(qlkhHead, qlkhList!, 1, t.buttons.done);
    ids.inProgress = await report(qlkhHead, qlkhList!, 2, t.buttons.progress, NOTE);
    ids.blocked = await report(qlkhHead, qlkhList!, 3, t.buttons.blocked, BLOCKER);

    // 27/12: HCTH reports its 25/12 task done, two days late.
    tb.clock.set("2024-12-27 10:00");
    await hcthHead.sendCommand("/tasks");
    const [hcthList] = await hcthHead.waitForMessages(1);
    expect(hcthList!.text).toMatch(/^[\s\S]*?\n1\. ▫️ #\d+ Khẩn trương hoàn thành/);
    ids.doneLate = await report(hcthHead, hcthList!, 1, t.buttons.done);
  });
  afterAll(async () => tb?.close());

  it("the database holds the month as reported in chat", async () => {
    const tasks = await db.taskPart.findMany({ where: { role: "lead" } });
    expect(tasks).toHaveLength(56);
    const byId = new Map(tasks.map((x) => [x.id, x]));
    expect(byId.get(ids.doneOnTime)).toMatchObject({ status: "done", doneOn: "2024-12-10", deadline: "2024-12-31" });
    expect(byId.get(ids.doneLate)).toMatchObject({ status: "done", doneOn: "2024-12-27", deadline: "2024-12-25" });
    expect(byId.get(ids.inProgress)).toMatchObject({ status: "in_progress", note: NOTE });
    expect(byId.get(ids.blocked)).toMatchObject({ status: "blocked", note: BLOCKER });
    expect(byId.get(ids.overdue)).toMatchObject({ status: "open", deadline: "2024-12-20" });
    // QLKH's three reports are on tasks the five units share.
    expect(await db.taskPart.count({ where: { taskId: byId.get(ids.doneOnTime)!.taskId } })).toBe(5);
  });

  it("sends one message and one chart: a line per unit, totals with percentages, what needs the director", async () => {
    await director.sendCommand("/summary");
    const { photos, texts, text, message } = await receiveSummary(director);
    await director.expectNoNewMessages(200);
    expect(texts).toHaveLength(1);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.photo!.content.subarray(1, 4).toString()).toBe("PNG");
    expect(text.length).toBeLessThanOrEqual(1500); // a phone's screen, not Telegram's 4096
    expect(text.startsWith(`${s.title("12/2024")}\n${s.asOf("27/12/2024")}`)).toBe(true);

    const units = await db.unit.findMany({ orderBy: { position: "asc" } });
    units.forEach((u, i) => expect(text).toMatch(new RegExp(`\\n${i + 1}\\. ${u.code}[ :]`)));
    // Totals as the database has them. The shared task QLKH finished is not done while four units
    // have not reported; HCTH's own is done late; one in progress, one blocked, Thanh tra's overdue.
    const expected = await totalsInDb(db, "2024-12-27");
    expect(expected).toEqual({ count: 24, parts: 56, groups: { doneOnTime: 0, doneLate: 1, inProgress: 1, overdue: 1, blocked: 1, notReported: 20 } });
    expectTotals(text, expected, units.length);
    // What needs the director: Thanh tra's overdue task with its days, QLKH's blocker with its reason.
    const attention = text.slice(text.indexOf(s.attention));
    expect(attention).toMatch(/⛔ TTRA: .* — quá hạn 7 ngày/);
    expect(attention).toContain(`⚠️ QLKH: `);
    expect(attention).toContain(BLOCKER);
    // Buttons: the non-empty groups, units, .docx, .xlsx; at most 8, payloads within 64 bytes.
    const buttons = message.reply_markup!.inline_keyboard!.flat();
    expect(buttons.length).toBeLessThanOrEqual(8);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);
    expect(buttons.map((b) => b.text)).toEqual([
      s.buttons.group("⛔", 1), s.buttons.group("⚠️", 1), s.buttons.group("❔", 20),
      s.buttons.group("⏳", 1), s.buttons.group("☑️", 1), s.buttons.units, s.buttons.docx, s.buttons.xlsx,
    ]);
  });

  it("buttons open a group and a unit, page the lists, and send the .docx and the .xlsx", async () => {
    await director.sendCommand("/summary");
    const { message } = await receiveSummary(director);
    // The not-reported group: 20 tasks, 8 a page; a shared task is one item with each unit's state.
    await director.press(message, s.buttons.group("❔", 20));
    const [group] = await director.waitForMessages(1);
    expect(group!.text!.startsWith(s.groupListTitle(`❔ ${s.groups.notReported}`, 20))).toBe(true);
    expect(group!.text).toContain(s.page(1, 3));
    expect(group!.text!.match(/^\d+\. /gm)).toHaveLength(8);
    await director.press(group!, s.buttons.next);
    const [paged] = await director.waitForMessages((m) => m.message_id === group!.message_id && m.edited);
    expect(paged!.text).toContain(s.page(2, 3));
    expect(paged!.text).toMatch(/^9\. /m);

    await director.press(message, s.buttons.units);
    const [picker] = await director.waitForMessages(1);
    expect(picker!.text).toBe(s.pickUnit);
    await director.press(picker!, s.buttons.unit("QLKH", 11));
    const [unit] = await director.waitForMessages(1);
    expect(unit!.text!.startsWith(s.unitListTitle("Phòng Quản lý Khoa học", 11))).toBe(true);
    expect(unit!.text).toContain(BLOCKER);

    const docx = await pressForDocument(director, message, s.buttons.docx);
    expect(docx.document!.file_name).toBe(s.document.fileName("2024-12"));
    expect(docx.caption).toBe(t.summaryDocCaption("2024-12"));
    const lines = await docxLines(docx);
    const units = await db.unit.findMany({ orderBy: { position: "asc" } });
    expectTotals(message.text!, await totalsInDb(db, "2024-12-27"), units.length, lines);
    for (const u of units) expect(lines.join("\n")).toContain(u.name);
    expect(lines.join("\n")).toContain(BLOCKER);

    const xlsx = await pressForDocument(director, message, s.buttons.xlsx);
    expect(xlsx.document!.file_name).toBe(s.register.fileName("2024-12"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.document!.content as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(1 + 56 + 8); // a row per unit part: 56 responsible, 8 coordinating
  });

  it("/summary 12/2024 names the month; a deputy may ask too", async () => {
    await deputy.sendCommand("/summary 12/2024");
    const { text, photos } = await receiveSummary(deputy);
    expect(text.startsWith(s.title("12/2024"))).toBe(true);
    expect(photos).toHaveLength(1);
  });

  it("/summary 13/2024 shows the usage, /summary 01/2030 says there is no data", async () => {
    await director.sendCommand("/summary 13/2024");
    expect((await director.waitForMessages(1))[0]!.text).toBe(t.summaryUsage);
    await director.sendCommand("/summary 01/2030");
    expect((await director.waitForMessages(1))[0]!.text).toBe(t.noBriefing("2030-01"));
    await director.expectNoNewMessages(200);
  });

  it("a unit head may not ask for the summary", async () => {
    await qlkhHead.sendCommand("/summary");
    const [answer, ...more] = await qlkhHead.waitForMessages(1);
    expect(answer!.text).toBe(t.notAllowed);
    expect(more).toEqual([]);
    await qlkhHead.expectNoNewMessages(200);
  });
});

describe("the monthly digest", () => {
  let tb: TestBot;
  let db: Db;
  let readers: TestUser[];
  let head: TestUser;
  let group: TestUser;
  let headInGroup: TestUser;
  let day: string;

  const isDigest = (m: BotMessage) => m.text?.startsWith(`${s.digestIntro}\n\n`) ?? false;
  const digestsOf = (user: TestUser) => user.allMessages().filter(isDigest);
  const chartsOf = (user: TestUser) => user.allMessages().filter((m) => !!m.photo);

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    readers = [await tb.register(401, "Giám", "director"), await tb.register(402, "Phó", "deputy"), await tb.register(501, "Quang", "secretary")];
    head = await tb.register(701, "Khoa", "unit_head", "QLKH");
    day = digestDay(tb.server.app, "2024-12");
    // The department's briefing group, where the secretary and a unit head both write.
    group = tb.emulator.user({ id: 501, chatId: -100_123, firstName: "Quang", group: { title: "Giao ban Sở KH&CN" } });
    headInGroup = tb.emulator.user({ id: 701, chatId: -100_123, firstName: "Khoa", group: { title: "Giao ban Sở KH&CN" } });
  });
  afterAll(async () => tb?.close());

  it("a secretary links the briefing group from inside it; the bot says so in private, never in the group", async () => {
    await headInGroup.sendCommand("/linkgroup");
    await headInGroup.sendCommand("/tasks");
    await group.sendCommand("/linkgroup");
    expect((await readers[2]!.waitForMessages(1))[0]!.text).toBe(t.groupLinked("Giao ban Sở KH&CN"));
    await tb.settle();
    expect(group.allMessages()).toEqual([]);
    expect(await db.setting.findUnique({ where: { key: "group.chatId" } })).toMatchObject({ value: "-100123" });
  });

  it("is due two working days before the month's end", () => {
    expect(day).toBe("2024-12-27"); // Tue 31/12 is the last working day: Mon 30, Fri 27.
  });

  it("is not sent before 16:00 on its day", async () => {
    tb.clock.set(`${day} 15:55`);
    await tb.restart();
    for (const user of [...readers, head]) {
      expect(digestsOf(user)).toEqual([]);
      expect(chartsOf(user)).toEqual([]);
    }
    expect(await db.delivery.count({ where: { kind: "digest" } })).toBe(0);
  });

  it("a restart after 16:00 delivers the summary to the director, deputy and secretary once", async () => {
    tb.clock.set(`${day} 16:05`);
    await tb.restart();
    for (const user of readers) {
      await user.waitForMessages(isDigest, 15000);
      expect(digestsOf(user)).toHaveLength(1);
      expect(digestsOf(user)[0]!.text).toContain(s.title("12/2024"));
      expect(chartsOf(user)).toHaveLength(1);
      expect(digestsOf(user)[0]!.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toContain(s.buttons.docx);
    }
    expect(digestsOf(head)).toEqual([]);
    expect(chartsOf(head)).toEqual([]);
    // A user sees the message before the sender has recorded Telegram's answer.
    await tb.settle();
    const deliveries = await db.delivery.findMany({ where: { kind: "digest" } });
    expect(new Set(deliveries.flatMap((d) => (d.memberId === null ? [] : [d.memberId]))).size).toBe(3);
    expect(deliveries.every((d) => d.day === day && d.state === "sent")).toBe(true);
  });

  it("the linked group gets the department's chart, message (no buttons) and the report .docx, and nothing else", async () => {
    await tb.settle();
    const got = group.allMessages();
    expect(got.map((m) => (m.photo ? "photo" : m.document ? m.document.file_name : "text"))).toEqual(["photo", "text", s.document.fileName("2024-12")]);
    expect(got[1]!.text!.startsWith(`${s.digestIntro}\n\n`)).toBe(true);
    expect(got[1]!.reply_markup?.inline_keyboard).toBeUndefined();
  });

  it("another restart the same day sends nothing new", async () => {
    tb.clock.set(`${day} 16:40`);
    await tb.restart();
    for (const user of [...readers, head]) await user.expectNoNewMessages(50);
  });

  it("a restart later the same month does not repeat it", async () => {
    const deliveriesBefore = await db.delivery.count({ where: { kind: "digest" } });
    tb.clock.set("2024-12-30 10:00");
    await tb.restart();
    // The secretary may hear of reminders that found no unit head; the digest does not come again.
    for (const user of readers) {
      expect(digestsOf(user)).toHaveLength(1);
      expect(chartsOf(user)).toHaveLength(1);
    }
    await readers[0]!.expectNoNewMessages(50);
    await readers[1]!.expectNoNewMessages(0);
    expect(await db.delivery.count({ where: { kind: "digest" } })).toBe(deliveriesBefore);
    await tb.settle();
    expect(group.allMessages()).toHaveLength(3);
  });
});
