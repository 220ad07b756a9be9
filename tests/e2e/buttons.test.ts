// Every kind of button the bot offers, pressed as its users press them: each press is answered
// exactly once, after what it changes is stored (work that can outlast Telegram's answer limit is
// answered first and reported by message), and with the true outcome, also when its action already
// happened (a double tap, a second decider) or the button is stale or unknown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import type { BotMessage, CallbackAnswer, TestUser } from "../../src/emulator/index.js";
import { bot as t, common, draft as d, intake, summary as s } from "../../src/messages/index.js";
import { buttonsOf, isForceReply, startTestBot, type TestBot } from "../support/bot.js";
import { januaryNotice, partsOf, seed } from "../support/data.js";

/** What a press can change, as stored: not the bot's own bookkeeping (sessions, handled updates, the outbox's progress). */
async function stored(db: Db): Promise<string> {
  const byId = { orderBy: { id: "asc" as const } };
  return JSON.stringify([
    await db.cycle.findMany({ select: { id: true, state: true }, ...byId }),
    await db.task.findMany({ select: { id: true, content: true, deadline: true }, ...byId }),
    await db.taskPart.findMany({ select: { id: true, role: true, status: true, note: true, deadline: true }, ...byId }),
    await db.taskEvent.count(),
    await db.extensionRequest.findMany({ select: { id: true, state: true }, ...byId }),
    await db.importDraft.findMany({ select: { id: true, state: true, version: true }, ...byId }),
  ]);
}

interface Press {
  /** The callback query's id. */
  id: string;
  answer: CallbackAnswer;
  /** The stored state before the press, when it was answered, and once it was handled. */
  before: string;
  answered: string;
  after: string;
}

/** How long a bot answer may take: the summary's chart and the report are built in a worker, slower when the machine is busy. */
const WAIT_MS = 15_000;
const QLKH = "Phòng Quản lý Khoa học";
const isList = (m: BotMessage) => !m.edited && (m.text?.startsWith(t.tasksTitle(QLKH)) ?? false);
const isCard = (m: BotMessage) => !m.edited && (m.text?.includes("Tình trạng:") ?? false);
const isTask = (id: number) => (m: BotMessage) => !m.edited && (m.text?.startsWith(`#${id} `) ?? false);
const isText = (text: string) => (m: BotMessage) => m.text === text;
const hasButton = (label: string) => (m: BotMessage) => buttonsOf(m)?.includes(label) ?? false;
/** `message` as edited since it was shown. */
const edited = (message: BotMessage) => (m: BotMessage) => m.message_id === message.message_id && m.revision > message.revision;

describe("every button press is answered once, after the work, with the true outcome", () => {
  let tb: TestBot;
  let sec: TestUser;
  let sec2: TestUser;
  let director: TestUser;
  let deputy: TestUser;
  let deputyAll: TestUser;
  let head: TestUser;
  /** The database of the bot running now (a restart opens it again). */
  const db = () => tb.server.app.db;
  /** The stored state at the moment each press (by callback query id) was answered. */
  const atAnswer = new Map<string, string>();

  const answersTo = (id: string) => tb.emulator.calls.filter((c) => c.method === "answerCallbackQuery" && String(c.params.callback_query_id) === id);

  async function handled(updateId: number): Promise<void> {
    await expect.poll(async () => (await db().processedUpdate.findUnique({ where: { updateId } }))?.state, { timeout: WAIT_MS }).toMatch(/done|failed/);
  }

  /** Presses `button` on `message`, waits until the bot has handled the press, and checks it got exactly one answer. */
  async function press(user: TestUser, message: BotMessage, button: string, options?: { unchecked?: boolean }): Promise<Press> {
    const before = await stored(db());
    const id = await user.press(message, button, options);
    const answer = await user.waitForCallbackAnswer(id, WAIT_MS);
    await handled(tb.emulator.lastUserUpdate(user.id, "callbackQuery")!.updateId);
    expect(answersTo(id), `answers to «${button}»`).toHaveLength(1);
    return { id, answer, before, answered: atAnswer.get(id)!, after: await stored(db()) };
  }

  /** The press stored a change, all of it before it was answered. */
  function storedBeforeAnswer(p: Press): void {
    expect(p.answered).not.toBe(p.before);
    expect(p.answered).toBe(p.after);
  }

  const changedNothing = (p: Press) => expect(p.after).toBe(p.before);

  /** Bot messages (as sent or edited) a user received that no `next` has taken yet, by user id. */
  const unread = new Map<number, BotMessage[]>();

  /** The newest bot message to `user` that matches, once there; it and its earlier versions are taken. */
  async function next(user: TestUser, match: (m: BotMessage) => boolean): Promise<BotMessage> {
    let inbox = unread.get(user.id) ?? [];
    if (!inbox.some(match)) inbox = [...inbox, ...(await user.waitForMessages(match, WAIT_MS))];
    const found = inbox.filter(match).at(-1)!;
    unread.set(user.id, inbox.filter((m) => m.message_id !== found.message_id || m.revision > found.revision));
    return found;
  }

  async function say(user: TestUser, text: string, match: (m: BotMessage) => boolean): Promise<BotMessage> {
    await user.sendText(text);
    return next(user, match);
  }

  /** Presses number `n` under the unit head's list and returns the card it opens. */
  async function card(n: number): Promise<BotMessage> {
    const list = await say(head, "/tasks", isList);
    changedNothing(await press(head, list, String(n)));
    return next(head, isCard);
  }

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    await seed(db(), tb.clock.now());
    sec = await tb.register(501, "Quang", "secretary");
    sec2 = await tb.register(502, "Lan", "secretary");
    director = await tb.register(401, "Giám", "director");
    deputy = await tb.register(402, "Phó", "deputy", undefined, ["QLKH"]);
    deputyAll = await tb.register(403, "Hiếu", "deputy");
    head = await tb.register(701, "Khoa", "unit_head", "QLKH");
    tb.emulator.onCallbackAnswer = async (id) => void atAnswer.set(id, await stored(db()));
  });
  afterAll(async () => tb?.close());

  it("list pages and task cards change nothing; a status button's answer says what was stored, once it was", async () => {
    const list = await say(head, "/tasks", isList);
    const paged = await press(head, list, t.nextPage);
    expect(paged.answer).toEqual({});
    changedNothing(paged);
    expect(buttonsOf(await next(head, edited(list)))).toContain(t.previousPage);
    changedNothing(await press(head, list, t.previousPage));
    await next(head, edited(list));

    const shown = await card(1);
    const partId = Number(/^st:(\d+):/.exec(shown.reply_markup!.inline_keyboard![0]![0]!.callback_data!)![1]);
    const done = await press(head, shown, t.buttons.done);
    expect(done.answer.text).toBe(t.recorded.done);
    storedBeforeAnswer(done);
    expect(JSON.parse(done.answered)[2]).toContainEqual(expect.objectContaining({ id: partId, status: "done" }));
    await next(head, edited(shown));

    const again = await press(head, shown, `• ${t.buttons.done}`);
    expect(again.answer.text).toBe(t.unchanged);
    changedNothing(again);

    const progress = await press(head, shown, t.buttons.progress);
    expect(progress.answer.text).toBe(t.recorded.in_progress);
    storedBeforeAnswer(progress);
    await next(head, isForceReply);
    await say(head, "Đang tổng hợp số liệu", (m) => m.text?.startsWith("Đã lưu ghi chú") ?? false);
  });

  it("a double tap records once: one press is told it was recorded, the other that it was already", async () => {
    const shown = await card(2);
    const data = shown.reply_markup!.inline_keyboard![0]![0]!.callback_data!;
    const first = await head.press(shown, data);
    const second = await head.press(shown, data);
    const answers = [await head.waitForCallbackAnswer(first, WAIT_MS), await head.waitForCallbackAnswer(second, WAIT_MS)];
    expect(answers.map((a) => a.text).sort()).toEqual([t.recorded.done, t.unchanged].sort());
    await next(head, edited(shown));
    expect([answersTo(first).length, answersTo(second).length]).toEqual([1, 1]);
    expect(await db().taskEvent.count({ where: { partId: Number(data.split(":")[1]), kind: "done" } })).toBe(1);
  });

  it("the 📅 button asks; of two deputies deciding, the first is told the decision, the second that it was decided", async () => {
    const shown = await card(3);
    const asked = await press(head, shown, t.buttons.extend);
    expect(asked.answer).toEqual({});
    changedNothing(asked);
    await next(head, isForceReply);
    await say(head, "10/01/2025", isText(t.askExtensionReason));
    await say(head, "Chờ số liệu quyết toán", isText(t.extensionSent));
    const isRequest = (m: BotMessage) => m.text?.startsWith("📅 ĐỀ NGHỊ GIA HẠN") ?? false;
    const [request, requestToo] = [await next(deputy, isRequest), await next(deputyAll, isRequest)];

    const approved = await press(deputy, request, t.approve);
    expect(approved.answer.text).toBe(t.approve);
    storedBeforeAnswer(approved);
    const late = await press(deputyAll, requestToo, t.refuse);
    expect(late.answer).toEqual({ text: t.extensionAlreadyDecided, show_alert: true });
    changedNothing(late);
    const tapAgain = await press(deputy, request, request.reply_markup!.inline_keyboard![0]![1]!.callback_data!, { unchecked: true });
    expect(tapAgain.answer).toEqual({ text: t.extensionAlreadyDecided, show_alert: true });
    changedNothing(tapAgain);
  });

  it("moving a deadline an extension set: the choice is stored before its answer", async () => {
    const { taskId } = await db().taskPart.findFirstOrThrow({ where: { extensions: { some: { state: "approved" } } } });
    const shown = await say(sec, `/task ${taskId}`, isTask(taskId));
    changedNothing(await press(sec, shown, t.changeDeadline));
    await next(sec, isForceReply);
    const ask = await say(sec, "30/12/2024", hasButton(t.deadlineAllParts));
    storedBeforeAnswer(await press(sec, ask, t.deadlineAllParts));
  });

  it("a task's buttons: questions change nothing, changes are stored before the answer, a second secretary's cancel is told the task is closed", async () => {
    const { taskId } = (await partsOf(db(), "QLKH")).at(-1)!;
    const shown = await say(sec, `/task ${taskId}`, isTask(taskId));
    for (const question of [t.changeDeadline, t.editContent]) {
      changedNothing(await press(sec, shown, question));
      await next(sec, isForceReply);
      await say(sec, "/cancel", isText(t.cancelled));
    }
    changedNothing(await press(sec, shown, t.editUnits));
    const editor = await next(sec, hasButton(t.importSave));
    changedNothing(await press(sec, editor, buttonsOf(editor)!.find((b) => b.endsWith("TTRA"))!));
    await next(sec, edited(editor));
    storedBeforeAnswer(await press(sec, editor, t.importSave));
    await next(sec, (m) => m.text?.startsWith("Đã đổi") ?? false);

    const other = await say(sec2, `/task ${taskId}`, isTask(taskId));
    await press(sec, shown, t.cancelTask);
    const confirm = await next(sec, hasButton(t.confirmCancel));
    await press(sec2, other, t.cancelTask);
    const confirm2 = await next(sec2, hasButton(t.confirmCancel));
    const cancelled = await press(sec, confirm, t.confirmCancel);
    expect(cancelled.answer).toEqual({});
    storedBeforeAnswer(cancelled);
    await next(sec, isText(t.taskCancelled(taskId)));
    const second = await press(sec2, confirm2, t.confirmCancel);
    expect(second.answer).toEqual({ text: t.taskClosed(taskId), show_alert: true });
    changedNothing(second);
  });

  it("/newtask: the unit button asks, «no deadline» creates the task before its answer", async () => {
    const ask = await say(sec, "/newtask", hasButton(QLKH));
    changedNothing(await press(sec, ask, QLKH));
    await next(sec, isForceReply);
    const question = await say(sec, "Rà soát danh mục đề tài cấp tỉnh năm 2025", hasButton(t.noDeadline));
    storedBeforeAnswer(await press(sec, question, t.noDeadline));
  });

  it("a reply without a number: the pressed number stores the note before its answer", async () => {
    const list = await say(head, "/tasks", isList);
    await head.reply(list, "Chờ họp Lãnh đạo Sở");
    const ask = await next(head, isText(t.pickTask));
    storedBeforeAnswer(await press(head, ask, "2"));
  });

  it("staff lists and the summary: views change nothing; a file is answered at once and follows as a message", async () => {
    const pickUnit = await say(sec, "/tasks", isText(t.pickUnit));
    changedNothing(await press(sec, pickUnit, "tl:QLKH"));
    await next(sec, isList);

    await director.sendCommand("/summary");
    const summary = await next(director, hasButton(s.buttons.units));
    changedNothing(await press(director, summary, s.buttons.units));
    const picker = await next(director, isText(s.pickUnit));
    changedNothing(await press(director, picker, buttonsOf(picker)!.find((b) => b.startsWith("QLKH"))!));
    await next(director, (m) => m.text?.startsWith(s.unitListTitle(QLKH, 0).split(":")[0]!) ?? false);

    const docx = await press(director, summary, s.buttons.docx);
    expect(docx.answer.text).toBe(s.building);
    changedNothing(docx);
    const file = await next(director, (m) => !!m.document);
    const last = (method: string) => tb.emulator.calls.findLastIndex((c) => c.method === method);
    expect(last("answerCallbackQuery")).toBeLessThan(last("sendDocument"));
    expect(file.document!.file_name).toMatch(/\.docx$/);
  });

  it("stale, unknown, refused and strangers' presses are answered once with what is true", async () => {
    const stranger = tb.emulator.user({ id: 9090 });
    const line = await say(stranger, "Xin chào", isText(common.notRegistered));
    expect((await press(stranger, line, "st:1:d", { unchecked: true })).answer).toEqual({ text: common.notRegistered, show_alert: true });
    const list = await say(head, "/tasks", isList);
    expect((await press(head, list, "zz:unknown", { unchecked: true })).answer).toEqual({ text: t.staleButton });
    expect((await press(head, list, "nt:QLKH", { unchecked: true })).answer).toEqual({ text: t.notAllowed, show_alert: true });

    // A units editor left open across a restart, its dialogue ended: its buttons are stale.
    const { taskId } = (await partsOf(db(), "QLKH"))[0]!;
    const shown = await say(sec, `/task ${taskId}`, isTask(taskId));
    await press(sec, shown, t.editUnits);
    const editor = await next(sec, hasButton(t.importSave));
    await tb.restart();
    await say(sec, "/cancel", isText(t.cancelled));
    const stale = await press(sec, editor, buttonsOf(editor)!.find((b) => b.endsWith("TTRA"))!);
    expect(stale.answer).toEqual({ text: t.staleButton });
    changedNothing(stale);
  });

  it("an error after the answer: the apology comes as a message, never as a second answer; before it: the apology is the answer", async () => {
    const shown = await card(4);
    tb.emulator.injectFaults({ methods: ["editmessagetext"], calls: { 1: "server_error", 2: "server_error" } });
    const blocked = await press(head, shown, t.buttons.blocked);
    const failed = tb.emulator.lastUserUpdate(head.id, "callbackQuery")!.updateId;
    expect(blocked.answer.text).toBe(t.recorded.blocked);
    storedBeforeAnswer(blocked);
    await next(head, isText(t.somethingWrong));

    await director.sendCommand("/summary");
    const summary = await next(director, hasButton(s.buttons.units));
    await press(director, summary, s.buttons.units);
    const picker = await next(director, isText(s.pickUnit));
    await press(director, picker, buttonsOf(picker)!.find((b) => b.startsWith("QLKH"))!);
    const unitList = await next(director, hasButton(s.buttons.next));
    const turned = await press(director, unitList, s.buttons.next);
    expect(turned.answer).toEqual({ text: t.somethingWrong, show_alert: true });
    changedNothing(turned);
    tb.emulator.injectFaults({ methods: [] });
    await director.expectNoNewMessages(100);

    // After a restart Telegram sends the failed press again (with the next message); answered
    // already, its true outcome comes as a message.
    await tb.restart();
    tb.emulator.redeliver(failed);
    await say(head, "/tasks", isList);
    await next(head, isText(t.unchanged));
    await handled(failed);
    expect(tb.emulator.callbackAnswers.get(blocked.id)?.text).toBe(t.recorded.blocked);
    expect(buttonsOf(await next(head, edited(shown)))).toContain(`• ${t.buttons.blocked}`);
  });

  it("the import: «Xem trước» is answered at once and the draft follows; the draft's buttons store before they answer; a second «Lưu» is told it was saved", async () => {
    const notice = januaryNotice("3", "(1) Thanh tra Sở:\n\n- Xây dựng Kế hoạch thanh tra năm 2025.\n- Tổng kết công tác thanh tra năm 2024.");
    await say(sec, "/import", isText(t.importHow));
    const pasted = await say(sec, notice, hasButton(t.importPreviewButton));
    const preview = await press(sec, pasted, t.importPreviewButton);
    expect(preview.answer.text).toBe(t.importReading);
    expect(preview.answered).toBe(preview.before);
    expect(preview.after).not.toBe(preview.before);
    let panel = await next(sec, hasButton(t.importCancel));
    /** Presses a panel button and waits for the panel as redrawn. */
    const onPanel = async (label: string) => {
      const pressed = await press(sec, panel, label);
      panel = await next(sec, edited(panel));
      return pressed;
    };

    changedNothing(await onPanel(buttonsOf(panel)![0]!));
    changedNothing(await onPanel("1"));
    changedNothing(await onPanel(d.unitsButton));
    storedBeforeAnswer(await onPanel(d.unitLabel("QLKH", null)));
    changedNothing(await onPanel(d.done));
    changedNothing(await press(sec, panel, d.textButton));
    await next(sec, isForceReply);
    storedBeforeAnswer(await onPanel(d.dropButton));
    changedNothing(await onPanel(d.backToDraft));
    changedNothing(await onPanel(buttonsOf(panel)!.find((b) => b.startsWith("↪"))!));
    storedBeforeAnswer(await onPanel("1"));
    changedNothing(await onPanel(d.backToDraft));

    const save = panel.reply_markup!.inline_keyboard!.flat().find((b) => b.text.startsWith("💾"))!;
    const saved = await onPanel(save.text);
    expect(saved.answer).toEqual({});
    storedBeforeAnswer(saved);
    await next(sec, (m) => m.text?.startsWith("Đã lưu") ?? false);
    const again = await press(sec, panel, save.callback_data!, { unchecked: true });
    expect(again.answer).toEqual({ text: intake.notStored({ closed: true }), show_alert: true });
    changedNothing(again);
  });
});
