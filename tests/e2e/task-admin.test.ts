// The secretary's hand on single tasks: /newtask (a short guided dialogue) and /task <id> (details,
// history, change of deadline, cancellation), and who may see or change what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TASK_CHARS } from "../../src/bot/features/newtask.js";
import { dayIn, formatDay } from "../../src/domain/calendar.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t } from "../../src/messages/index.js";
import { buttonsOf, only, startTestBot, type TestBot } from "../support/bot.js";
import { counts, memberOf } from "../support/data.js";

const QLKH = "Phòng Quản lý Khoa học";
const TTRA = "Thanh tra Sở";
const UNITS = [QLKH, "Phòng Hành chính – Tổng hợp", "Phòng Quản lý công nghệ", TTRA, "Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ"];
const TODAY = "2024-12-04";

let tb: TestBot;
const db = () => tb.server.app.db;

async function say(user: TestUser, text: string): Promise<BotMessage> {
  await user.sendText(text);
  return only(user);
}

/** /newtask, the unit's button and the content; returns the deadline question. */
async function newTaskUpToDeadline(sec: TestUser, unit: string, content: string): Promise<BotMessage> {
  await sec.sendCommand("/newtask");
  const ask = await only(sec);
  await sec.press(ask, unit);
  const [edited, question] = await sec.waitForMessages(2);
  expect(edited!.message_id).toBe(ask.message_id);
  expect(edited!.reply_markup?.inline_keyboard).toBeUndefined();
  expect(question!.text).toBe(t.newTaskContent(unit));
  const deadline = await say(sec, content);
  expect(deadline.text).toBe(t.newTaskDeadline);
  expect(buttonsOf(deadline)).toEqual([t.noDeadline]);
  return deadline;
}

/** The id in "Đã thêm nhiệm vụ #12 …". */
function createdId(m: BotMessage): number {
  const id = Number(/#(\d+)/.exec(m.text ?? "")?.[1]);
  expect(id, m.text).toBeGreaterThan(0);
  return id;
}

describe("/newtask", () => {
  let sec: TestUser;
  let qlkhHead: TestUser;
  let hcthHead: TestUser;

  beforeAll(async () => {
    tb = await startTestBot({ now: `${TODAY} 09:00` });
    sec = await tb.register(801, "Quang", "secretary");
    qlkhHead = await tb.register(811, "Khoa", "unit_head", "QLKH");
    hcthHead = await tb.register(812, "Hà", "unit_head", "HCTH");
  });
  afterAll(async () => tb?.close());

  it("unit by button, content, deadline: creates the task with its stated deadline and tells the unit's head", async () => {
    await sec.sendCommand("/newtask");
    const ask = await only(sec);
    expect(ask.text).toBe(t.newTaskUnit);
    expect(buttonsOf(ask)).toEqual([...UNITS, t.importCancel]);

    const content = "Xây dựng kế hoạch kiểm tra việc ứng dụng kết quả nhiệm vụ KH&CN sau nghiệm thu năm 2025";
    await sec.press(ask, QLKH);
    const [edited, question] = await sec.waitForMessages(2);
    expect(edited!.reply_markup?.inline_keyboard).toBeUndefined();
    expect(question!.text).toBe(t.newTaskContent(QLKH));
    expect(question!.reply_markup).toMatchObject({ force_reply: true });
    expect((await say(sec, content)).text).toBe(t.newTaskDeadline);
    const created = await say(sec, "25/12/2024");
    const id = createdId(created);
    expect(created.text).toBe(t.newTaskCreated(id, QLKH, "2024-12-25", true));

    const row = await db().task.findUniqueOrThrow({ where: { id }, include: { parts: { include: { unit: true } }, cycle: true } });
    expect(row).toMatchObject({ content, deadline: "2024-12-25", deadlineStated: true });
    expect(row.parts.map((p) => [p.unit.code, p.role, p.status])).toEqual([["QLKH", "lead", "open"]]);
    expect(row.cycle.key).toBe("2024-12");
    const me = await memberOf(db(), sec);
    expect(await db().taskEvent.findMany({ where: { taskId: id }, select: { kind: true, memberId: true } })).toEqual([{ kind: "created", memberId: me.id }]);

    expect((await only(qlkhHead)).text).toBe(t.newTaskForYou(id, content, "2024-12-25"));
    await hcthHead.expectNoNewMessages(150);
    await sec.expectNoNewMessages(50);
  });

  it("«Không có hạn» gives the end of the month, not stated; a unit without a registered head is fine", async () => {
    const question = await newTaskUpToDeadline(sec, TTRA, "Thanh tra việc mua sắm tài sản công tại các đơn vị sự nghiệp");
    await sec.press(question, t.noDeadline);
    const answers = await sec.waitForMessages((m) => m.text?.startsWith("Đã thêm") ?? false);
    const created = answers.at(-1)!;
    const id = createdId(created);
    expect(created.text).toBe(t.newTaskCreated(id, TTRA, "2024-12-31", false));
    expect(tb.emulator.botMessage(question.message_id)?.reply_markup?.inline_keyboard).toBeUndefined();
    expect(await db().task.findUniqueOrThrow({ where: { id } })).toMatchObject({ deadline: "2024-12-31", deadlineStated: false });
    await qlkhHead.expectNoNewMessages(100);
    await hcthHead.expectNoNewMessages(50);
  });

  it("a malformed date gets badDate and a past one pastDate, and the dialogue goes on", async () => {
    await newTaskUpToDeadline(sec, QLKH, "Tổng hợp danh mục nhiệm vụ KH&CN đặt hàng năm 2026");
    const before = await counts(db());
    for (const bad of ["32/12/2024", "31/02/2025", "hôm nay", "25/12", "2024-12-25"]) {
      expect((await say(sec, bad)).text, bad).toBe(t.badDate);
    }
    expect((await say(sec, "03/12/2024")).text).toBe(t.pastDate(TODAY));
    expect(await counts(db())).toEqual(before);

    // Today itself is allowed.
    const created = await say(sec, "4/12/2024");
    const id = createdId(created);
    expect(created.text).toBe(t.newTaskCreated(id, QLKH, TODAY, true));
    expect((await only(qlkhHead)).text).toBe(t.newTaskForYou(id, "Tổng hợp danh mục nhiệm vụ KH&CN đặt hàng năm 2026", TODAY));
    expect((await counts(db())).tasks).toBe(before.tasks + 1);
  });

  it("a typed unit, or content too short or too long, is asked again", async () => {
    await sec.sendCommand("/newtask");
    const ask = await only(sec);
    // The unit is chosen by button, not typed.
    expect((await say(sec, "QLKH")).text).toBe(t.unknownUnit);
    await sec.press(ask, QLKH);
    await sec.waitForMessages(2);
    expect((await say(sec, "abc")).text).toBe(t.contentTooShort);
    expect((await say(sec, "x".repeat(MAX_TASK_CHARS + 1))).text).toBe(t.tooLong(MAX_TASK_CHARS));
    expect((await say(sec, "Báo cáo tiến độ đề tài thalassemia")).text).toBe(t.newTaskDeadline);
    await sec.sendCommand("/cancel");
    expect((await only(sec)).text).toBe(t.cancelled);
  });

  it("/cancel mid-dialogue stores nothing and ends the dialogue", async () => {
    const before = await counts(db());
    await newTaskUpToDeadline(sec, QLKH, "Một nhiệm vụ sẽ bị hủy giữa chừng");
    await sec.sendCommand("/cancel");
    expect((await only(sec)).text).toBe(t.cancelled);
    expect((await say(sec, "25/12/2024")).text).toBe(t.notUnderstood);
    expect(await counts(db())).toEqual(before);
    await qlkhHead.expectNoNewMessages(100);

    // Hủy at the first step, too.
    await sec.sendCommand("/newtask");
    const ask = await only(sec);
    await sec.press(ask, t.importCancel);
    expect((await sec.waitForMessages((m) => m.text === t.cancelled)).at(-1)!.text).toBe(t.cancelled);
    expect((await say(sec, "Một nội dung gửi sau khi đã hủy")).text).toBe(t.notUnderstood);
    // The unit buttons of the cancelled dialogue are gone; a forged press starts nothing.
    await sec.press(ask, "nt:QLKH", { unchecked: true });
    expect((await only(sec)).text).toBe(t.staleButton);
    expect(await counts(db())).toEqual(before);
  });

  it("a unit head may not add tasks", async () => {
    const before = await counts(db());
    expect((await say(qlkhHead, "/newtask")).text).toBe(t.notAllowed);
    const shown = qlkhHead.allMessages().at(-1)!;
    await qlkhHead.press(shown, "nt:QLKH", { unchecked: true });
    expect(await qlkhHead.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });
    await qlkhHead.expectNoNewMessages(150);
    expect(await counts(db())).toEqual(before);
  });
});

describe("/task <id>", () => {
  let sec: TestUser;
  let qlkhHead: TestUser;
  let hcthHead: TestUser;
  let id: number;
  let secId: number;
  const content = "Tham mưu văn bản gửi Bộ Khoa học và Công nghệ về dự thảo Quyết định thay thế Quyết định số 25/2018/QĐ-UBND";

  const partStatus = async () => (await db().taskPart.findFirstOrThrow({ where: { taskId: id } })).status;

  beforeAll(async () => {
    tb = await startTestBot({ now: `${TODAY} 09:00` });
    sec = await tb.register(901, "Quang", "secretary");
    qlkhHead = await tb.register(911, "Khoa", "unit_head", "QLKH");
    hcthHead = await tb.register(912, "Hà", "unit_head", "HCTH");
    secId = (await memberOf(db(), sec)).id;
    await newTaskUpToDeadline(sec, QLKH, content);
    id = createdId(await say(sec, "25/12/2024"));
    await qlkhHead.waitForMessages(1);
  });
  afterAll(async () => tb?.close());

  it("shows the secretary the task and its history, with change-deadline and cancel buttons", async () => {
    const shown = await say(sec, `/task ${id}`);
    expect(shown.text!.split("\n").slice(0, 3)).toEqual([`#${id} · ${t.cycleLabel("2024-12")}`, content, t.taskDeadline("2024-12-25", true)]);
    expect(shown.text).toContain(`${t.partsTitle}\n  ▫️ ${QLKH} (chủ trì)`);
    expect(shown.text).toContain(`Quang: ${t.historyKinds.created}`);
    // Stamped by the bot's clock: the simulated day, not the real one.
    const zone = tb.server.app.config.timeZone;
    expect(shown.text).toContain(t.historyLine(`${formatDay(dayIn(tb.clock.now(), zone))} 09:00`, "Quang", t.historyKinds.created!));
    expect(shown.text).not.toContain(formatDay(dayIn(new Date(), zone)));
    expect(buttonsOf(shown)).toEqual([t.changeDeadline, t.editContent, t.editUnits, t.cancelTask]);
    // "#12" works as well.
    expect((await say(sec, `/task #${id}`)).text).toBe(shown.text);
  });

  it("the unit's own head sees it without buttons; another unit's head is refused", async () => {
    const own = await say(qlkhHead, `/task ${id}`);
    expect(own.text).toBe((await say(sec, `/task ${id}`)).text);
    expect(own.reply_markup?.inline_keyboard).toBeUndefined();

    const other = await say(hcthHead, `/task ${id}`);
    expect(other.text).toBe(t.notYourTask);
    await hcthHead.expectNoNewMessages(100);

    // Nor can a head press the admin buttons (forged).
    const before = await counts(db());
    await qlkhHead.press(own, `tk:${id}:y`, { unchecked: true });
    expect(await qlkhHead.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });
    await qlkhHead.expectNoNewMessages(150);
    expect(await counts(db())).toEqual(before);
    expect(await partStatus()).toBe("open");
  });

  it("without a number, or with a wrong one, explains the usage", async () => {
    for (const command of ["/task", "/task abc", "/task 0"]) expect((await say(sec, command)).text, command).toBe(t.taskUsage);
    expect((await say(sec, "/task 99999")).text).toBe(t.taskNotFound(99999));
  });

  it("changes the deadline through the button and a date; the history records who", async () => {
    const shown = await say(sec, `/task ${id}`);
    await sec.press(shown, t.changeDeadline);
    const ask = await only(sec);
    expect(ask.text).toBe(t.askNewDeadline(id));
    expect(ask.reply_markup).toMatchObject({ force_reply: true });

    expect((await say(sec, "31/02/2025")).text).toBe(t.badDate);
    expect((await say(sec, "03/12/2024")).text).toBe(t.pastDate(TODAY));
    expect((await db().task.findUniqueOrThrow({ where: { id } })).deadline).toBe("2024-12-25");

    expect((await say(sec, "28/12/2024")).text).toBe(t.deadlineChanged(id, "2024-12-28"));
    expect(await db().task.findUniqueOrThrow({ where: { id } })).toMatchObject({ deadline: "2024-12-28", deadlineStated: true });
    expect((await db().taskPart.findFirstOrThrow({ where: { taskId: id } })).deadline).toBe("2024-12-28");
    const last = await db().taskEvent.findFirstOrThrow({ where: { taskId: id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ kind: "deadline", memberId: secId, oldValue: "2024-12-25", newValue: "2024-12-28" });

    // The dialogue is over: another date is not taken as a deadline.
    expect((await say(sec, "30/12/2024")).text).toBe(t.notUnderstood);

    const after = await say(sec, `/task ${id}`);
    expect(after.text).toContain(t.taskDeadline("2024-12-28", true));
    // Dates in the history read dd/mm/yyyy like everywhere else, old → new.
    expect(after.text).toContain(`Quang: ${t.historyKinds.deadline} 25/12/2024 → 28/12/2024`);
    expect(after.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("edits the text through the button; the history keeps old → new", async () => {
    const shown = await say(sec, `/task ${id}`);
    await sec.press(shown, t.editContent);
    expect((await only(sec)).text).toBe(t.askNewContent(id));
    expect((await say(sec, "abc")).text).toBe(t.contentTooShort);
    const edited = "Tham mưu văn bản gửi Bộ KH&CN về dự thảo Quyết định thay thế Quyết định số 25/2018/QĐ-UBND";
    expect((await say(sec, edited)).text).toBe(t.contentChanged(id));
    expect((await db().task.findUniqueOrThrow({ where: { id } })).content).toBe(edited);
    const after = await say(sec, `/task ${id}`);
    expect(after.text!.split("\n")[1]).toBe(edited);
    expect(after.text).toContain(`Quang: ${t.historyKinds.content} «${content.slice(0, 60)}`);
  });

  it("changes the units and their parts: a unit added as coordinating, then made responsible; the history keeps old → new", async () => {
    const shown = await say(sec, `/task ${id}`);
    await sec.press(shown, t.editUnits);
    const editor = await only(sec);
    expect(editor.text).toBe(t.unitsEditor(id, "QLKH"));
    expect(buttonsOf(editor)).toEqual(["✅ QLKH", "HCTH", "QLCN", "TTRA", "TTUD", t.importSave]);
    const pressAndRedraw = async (label: string) => {
      await sec.press(tb.emulator.botMessage(editor.message_id)!, label);
      await sec.waitForCallbackAnswer();
      return (await sec.waitForMessages(1))[0]!;
    };
    await pressAndRedraw("TTRA");
    expect((await pressAndRedraw("✅ TTRA")).text).toBe(t.unitsEditor(id, "QLKH; phối hợp: TTRA"));
    // Nothing is stored before «Lưu»; the last responsible unit cannot be taken away.
    expect(await db().taskPart.count({ where: { taskId: id } })).toBe(1);
    await sec.press(tb.emulator.botMessage(editor.message_id)!, "✅ QLKH");
    expect((await sec.waitForCallbackAnswer()).show_alert).toBe(true);
    await sec.press(tb.emulator.botMessage(editor.message_id)!, t.importSave);
    expect((await sec.waitForMessages((m) => m.text?.startsWith("Đã đổi") ?? false)).at(-1)!.text).toBe(t.unitsChanged(id, "QLKH; phối hợp: TTRA"));
    const parts = await db().taskPart.findMany({ where: { taskId: id }, include: { unit: true }, orderBy: { id: "asc" } });
    expect(parts.map((p) => [p.unit.code, p.role, p.status])).toEqual([["QLKH", "lead", "open"], ["TTRA", "support", "open"]]);
    const after = await say(sec, `/task ${id}`);
    expect(after.text).toContain(`Quang: ${t.historyKinds.units} «QLKH» → «QLKH; phối hợp: TTRA»`);
    expect(after.text).toContain("  ▫️ Thanh tra Sở (phối hợp)");
  });

  it("asks before moving a deadline an approved extension set, and does what is chosen", async () => {
    const partId = (await db().taskPart.findFirstOrThrow({ where: { taskId: id } })).id;
    const head = await memberOf(db(), qlkhHead);
    await db().extensionRequest.create({ data: { partId, memberId: head.id, requestedOn: "2025-01-05", reason: "Chờ số liệu", state: "approved", decidedById: secId } });
    await db().taskPart.update({ where: { id: partId }, data: { deadline: "2025-01-05" } });
    const shown = await say(sec, `/task ${id}`);
    expect(shown.text).toContain(`${QLKH} (chủ trì) — ${t.partDeadline("2025-01-05")}`);
    await sec.press(shown, t.changeDeadline);
    await only(sec);
    const ask = await say(sec, "30/12/2024");
    expect(ask.text).toBe(t.extendedDeadlineAsk([`${QLKH} (05/01/2025)`], "2024-12-30"));
    expect(buttonsOf(ask)).toEqual([t.deadlineAllParts, t.deadlineKeepExtended]);
    await sec.press(ask, t.deadlineKeepExtended);
    await sec.waitForMessages((m) => m.text === t.deadlineChanged(id, "2024-12-30"));
    expect((await db().taskPart.findUniqueOrThrow({ where: { id: partId } })).deadline).toBe("2025-01-05");
    expect((await db().task.findUniqueOrThrow({ where: { id } })).deadline).toBe("2024-12-30");
  });

  it("cancels through the button and a confirmation; the history records who; old buttons do nothing more", async () => {
    const shown = await say(sec, `/task ${id}`);
    await sec.press(shown, t.cancelTask);
    const confirm = await only(sec);
    expect(confirm.text).toBe(t.confirmCancelAsk(id));
    expect(buttonsOf(confirm)).toEqual([t.confirmCancel]);
    expect(await partStatus()).toBe("open");

    await sec.press(confirm, t.confirmCancel);
    const answers = await sec.waitForMessages((m) => m.text === t.taskCancelled(id));
    expect(answers.find((m) => m.message_id === confirm.message_id)?.reply_markup?.inline_keyboard).toBeUndefined();
    expect(await partStatus()).toBe("cancelled");
    const cancelled = await db().taskEvent.findMany({ where: { taskId: id, kind: "cancelled" } });
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ memberId: secId, status: "cancelled" });

    const after = await say(sec, `/task ${id}`);
    expect(after.text).toContain(`Quang: ${t.historyKinds.cancelled}`);
    expect(after.reply_markup?.inline_keyboard).toBeUndefined();

    // The buttons still on the earlier /task message cannot touch the cancelled task.
    const before = await counts(db());
    const closed = { text: t.taskClosed(id), show_alert: true };
    await sec.press(shown, t.cancelTask);
    expect(await sec.waitForCallbackAnswer()).toEqual(closed);
    await sec.press(confirm, `tk:${id}:y`, { unchecked: true });
    expect(await sec.waitForCallbackAnswer()).toEqual(closed);
    await sec.press(shown, t.changeDeadline);
    expect(await sec.waitForCallbackAnswer()).toEqual(closed);
    expect((await say(sec, "30/12/2024")).text).toBe(t.notUnderstood);
    expect(await counts(db())).toEqual(before);
    expect((await db().task.findUniqueOrThrow({ where: { id } })).deadline).toBe("2024-12-30");
  });
});
