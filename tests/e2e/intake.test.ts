// Tasks in: the secretary sends the conclusion notice as a .docx, a .txt or pasted text, sees a
// preview, and the tasks are stored only on confirmation; what is not a notice is refused
// plainly; unfinished tasks of the previous cycle can be carried over.
import { Document, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_NOTICE_CHARS } from "../../src/bot/features/import.js";
import { cancelTask, changeStatus, findTasks } from "../../src/db/tasks.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, draft as d, intake } from "../../src/messages/index.js";
import { only, startTestBot, type TestBot } from "../support/bot.js";
import { buildZip } from "../support/zip.js";
import { counts, januaryNotice, memberOf, NEWS, NOTICE, NOTICE_PER_UNIT, NOTICE_SUPPORT, NOTICE_TASKS, partsOf, perUnit } from "../support/data.js";

const TELEGRAM_MAX = 4096;
const STORED = intake.stored(NOTICE_TASKS, 56, NOTICE_SUPPORT, "2024-12", 0, 0);

/** A small January notice in the seed's format: 1 task for every unit, 2 for QLKH, 1 for Thanh tra. */
const JANUARY = januaryNotice("12", `(1) Các phòng, đơn vị chủ động triển khai các nhiệm vụ sau:

- Hoàn thành báo cáo tổng kết công tác năm 2024 của phòng, đơn vị.

(2) Phòng Quản lý Khoa học:

- Tổ chức Hội đồng tư vấn xác định nhiệm vụ KH&CN năm 2026 trước ngày 20/01/2025.

- Rà soát, đôn đốc các nhiệm vụ KH&CN chậm tiến độ.

(3) Thanh tra Sở

Xây dựng và trình ban hành Kế hoạch thanh tra, kiểm tra năm 2025.`);
const JANUARY_TASKS = 1 + 2 + 1;

async function docxOf(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] })) }] });
  return Packer.toBuffer(doc);
}

/** `text` in `n` messages cut at blank lines, each trimmed as Telegram does and under its limit. */
function splitAtBlankLines(text: string, n: number): string[] {
  const lines = text.split("\n");
  const target = text.length / n;
  const chunks: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "" && chunks.length < n - 1 && current.join("\n").length >= target) {
      chunks.push(current.join("\n"));
      current = [];
    }
    current.push(line);
  }
  chunks.push(current.join("\n"));
  return chunks.map((c) => c.trim());
}

let tb: TestBot;
const db = () => tb.server.app.db;

/** The step the chat's session holds, if any. */
async function stepOf(user: TestUser): Promise<unknown> {
  const row = await db().session.findUnique({ where: { key: `${user.id}:${user.chatId}` } });
  return row ? (JSON.parse(row.data) as { step?: unknown }).step : undefined;
}

/** Waits for the preview (its last part carries the buttons) and returns all its parts. */
async function preview(user: TestUser): Promise<{ text: string; last: BotMessage; buttons: string[] }> {
  const messages = await user.waitForMessages((m) => !!m.reply_markup?.inline_keyboard);
  const last = messages.at(-1)!;
  for (const m of messages) expect(m.text!.length).toBeLessThanOrEqual(TELEGRAM_MAX);
  return {
    text: messages.map((m) => m.text).join("\n"),
    last,
    buttons: last.reply_markup!.inline_keyboard!.flat().map((b) => b.text),
  };
}

/** Sends `/import` and returns the prompt with its «Xem trước» button. */
async function startImport(user: TestUser): Promise<BotMessage> {
  await user.sendCommand("/import");
  const [prompt] = await user.waitForMessages(1);
  expect(prompt!.text).toBe(t.importHow);
  expect(prompt!.reply_markup?.inline_keyboard?.flat().map((b) => b.text)).toEqual([t.importPreviewButton]);
  return prompt!;
}

/** The seed's draft: its first message says what was read and what is left to place. */
function expectSeedPreview(text: string) {
  expect(text.split("\n")).toEqual([
    "BẢN NHÁP — THÔNG BÁO KẾT LUẬN (chưa lưu)",
    "Số: /TB-SKHCN · ban hành: 03/12/2024 · họp: 29/11/2024",
    "Kỳ: tháng 12/2024 (01/12/2024 – 31/12/2024)",
    `24 nhiệm vụ, 56 phần việc chủ trì, ${NOTICE_SUPPORT} phối hợp. Chủ trì: ${Object.entries(NOTICE_PER_UNIT).map(([code, n]) => `${code} ${n}`).join(" · ")}`,
    "Hạn nêu rõ: 1 nhiệm vụ; còn lại hạn mặc định 31/12/2024.",
    "❓ 6 dòng chưa xếp vào đơn vị nào: bấm «Dòng chưa xếp» để giao hoặc bỏ qua.",
    "Sửa bằng các nút bên dưới; chỉ khi bấm «Lưu» mới lưu đúng bản nháp này.",
  ]);
}

/** The draft's buttons with `save` in the middle. */
const draftButtons = (...save: string[]) => [d.tasksButton(24), d.linesButton(6), d.addButton, ...save, t.importCancel];

/** The callback data of a button of the message, found by its label. */
const dataOf = (m: BotMessage, label: string) => m.reply_markup!.inline_keyboard!.flat().find((b) => b.text === label)!.callback_data!;

describe("importing the seed notice", () => {
  let sec: TestUser;
  let hcthHead: TestUser;
  let pastedPreview: string;

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    sec = await tb.register(501, "Quang", "secretary");
    hcthHead = await tb.register(601, "Hà", "unit_head", "HCTH");
  });
  afterAll(async () => tb?.close());

  it("«Xem trước» with nothing pasted says so", async () => {
    const prompt = await startImport(sec);
    await sec.press(prompt, t.importPreviewButton);
    expect((await only(sec)).text).toBe(t.importEmpty);
    await sec.sendCommand("/cancel");
    expect((await only(sec)).text).toBe(t.cancelled);
  });

  it("a notice pasted in 3 messages is previewed whole; Hủy stores nothing", async () => {
    const parts = splitAtBlankLines(NOTICE, 3);
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(p.length).toBeLessThan(TELEGRAM_MAX);

    await startImport(sec);
    let chars = 0;
    let last: BotMessage | undefined;
    for (const [i, part] of parts.entries()) {
      await sec.sendText(part);
      chars += part.length;
      last = await only(sec);
      expect(last.text).toBe(t.importPart(i + 1, chars));
    }
    await sec.press(last!, t.importPreviewButton);
    const shown = await preview(sec);
    expectSeedPreview(shown.text);
    expect(shown.buttons).toEqual(draftButtons(t.importSave));
    pastedPreview = shown.text;
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });

    const saveData = dataOf(shown.last, t.importSave);
    await sec.press(shown.last, t.importCancel);
    const answers = await sec.waitForMessages((m) => m.text === d.discarded);
    expect(answers.find((m) => m.message_id === shown.last.message_id)?.reply_markup?.inline_keyboard).toBeUndefined();
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
    await expect.poll(() => stepOf(sec)).toBeUndefined();

    // The old «Lưu» no longer does anything.
    await sec.press(shown.last, saveData, { unchecked: true });
    expect(await sec.waitForCallbackAnswer()).toEqual({ text: intake.notStored({ closed: true }), show_alert: true });
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a paste sent in quick succession, as a Telegram client splits it, keeps its order", async () => {
    const parts = splitAtBlankLines(NOTICE, 3);
    await startImport(sec);
    for (const part of parts) await sec.sendText(part);
    const answers = await sec.waitForMessages(3);
    expect(answers.map((m) => m.text)).toEqual([1, 2, 3].map((n) => t.importPart(n, parts.slice(0, n).join("").length)));
    await sec.press(answers.at(-1)!, t.importPreviewButton);
    const shown = await preview(sec);
    expect(shown.text).toBe(pastedPreview);
    await sec.press(shown.last, t.importCancel);
    await sec.waitForMessages((m) => m.text === d.discarded);
  });

  it("a .docx is previewed the same way and nothing is stored before «Lưu»", async () => {
    await startImport(sec);
    await sec.sendDocument({ fileName: "TB-ket-luan-giao-ban-T11.docx", content: await docxOf(NOTICE) });
    const shown = await preview(sec);
    expectSeedPreview(shown.text);
    expect(shown.text).toBe(pastedPreview);
    expect(shown.buttons).toEqual(draftButtons(t.importSave));
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });

    // A double tap: the second press arrives before the first is handled.
    const first = await sec.press(shown.last, t.importSave);
    const second = await sec.press(shown.last, dataOf(shown.last, t.importSave), { unchecked: true });
    const answers = await sec.waitForMessages((m) => m.text === STORED);
    await sec.expectNoNewMessages(150);
    expect(answers.filter((m) => m.message_id !== shown.last.message_id).map((m) => m.text)).toEqual([STORED]);
    // One stored; the other press is told the draft was saved already (or the notice is in).
    const told = [(await sec.waitForCallbackAnswer(first)).text, (await sec.waitForCallbackAnswer(second)).text];
    expect(told.filter((x) => x !== undefined)).toEqual([expect.toBeOneOf([intake.notStored({ closed: true }), intake.sameNotice("2024-12")])]);
    expect(tb.emulator.botMessage(shown.last.message_id)?.reply_markup?.inline_keyboard).toBeUndefined();

    const rows = await db().taskPart.findMany({ where: { role: "lead" }, include: { unit: true, task: { include: { cycle: true } } } });
    expect(rows).toHaveLength(56);
    expect(await db().taskPart.count({ where: { role: "support" } })).toBe(NOTICE_SUPPORT);
    expect(perUnit(rows)).toEqual(NOTICE_PER_UNIT);
    expect(await db().task.count()).toBe(NOTICE_TASKS);
    expect(new Set(rows.map((r) => r.task.cycle.key))).toEqual(new Set(["2024-12"]));
    const stated = rows.filter((r) => r.task.deadlineStated);
    expect(stated.map((r) => [r.unit.code, r.deadline])).toEqual([["HCTH", "2024-12-25"]]);
    expect(rows.filter((r) => !r.task.deadlineStated).every((r) => r.deadline === "2024-12-31" && r.status === "open")).toBe(true);
    const me = await memberOf(db(), sec);
    expect(await db().taskEvent.count({ where: { kind: "created", memberId: me.id } })).toBe(NOTICE_TASKS);
    await expect.poll(() => stepOf(sec)).toBeUndefined();

    // The unit head hears of the unit's new tasks once, whatever the double tap.
    const announced = await hcthHead.waitForMessages(1);
    expect(announced.map((m) => m.text)).toEqual([t.newCycleForUnit(NOTICE_PER_UNIT.HCTH, 2, "2024-12")]);
    await hcthHead.expectNoNewMessages(150);
  });

  it("the same notice again, as .txt, is caught and nothing is duplicated", async () => {
    const before = await counts(db());
    await startImport(sec);
    await sec.sendDocument({ fileName: "thong-bao.txt", content: Buffer.from(NOTICE, "utf8") });
    const answer = await only(sec);
    expect(answer.text).toBe(intake.sameNotice("2024-12"));
    expect(answer.reply_markup).toBeUndefined();
    await sec.expectNoNewMessages(150);
    expect(await counts(db())).toEqual(before);
    await expect.poll(() => stepOf(sec)).toBeUndefined();
  });

  it("a second, different notice for the same month is refused", async () => {
    const before = await counts(db());
    const edited = NOTICE.replace("Số: /TB-SKHCN", "Số: 99/TB-SKHCN");
    await startImport(sec);
    await sec.sendDocument({ fileName: "thong-bao-2.txt", content: Buffer.from(edited, "utf8") });
    expect((await only(sec)).text).toBe(intake.periodHasNotice("2024-12", "/TB-SKHCN"));
    expect(await counts(db())).toEqual(before);
  });
});

describe("what is not a notice", () => {
  let sec: TestUser;

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    sec = await tb.register(502, "Thư", "secretary");
  });
  afterAll(async () => tb?.close());

  it("a file named .docx that is random bytes gets the notADocx text", async () => {
    const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    await startImport(sec);
    await sec.sendDocument({ fileName: "thong-bao.docx", content: random });
    expect((await only(sec)).text).toBe(t.notADocx);
    // A zip that is no Word document either.
    await sec.sendDocument({ fileName: "thong-bao.docx", content: Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(256)]) });
    expect((await only(sec)).text).toBe(t.notADocx);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a zip bomb named .docx (300 MB inflated) is refused before it is opened; the bot answers the next message", async () => {
    const bomb = await buildZip([{ name: "word/document.xml", content: Buffer.alloc(1024 * 1024, "0"), repeat: 300 }]);
    await sec.sendDocument({ fileName: "thong-bao.docx", content: bomb });
    expect((await only(sec)).text).toBe(t.noticeFile.too_big);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
    await sec.sendCommand("/help");
    expect((await only(sec)).text).toBe(t.help("secretary"));
  });

  it("a .pdf gets the unsupported-file text", async () => {
    await sec.sendDocument({ fileName: "thong-bao.pdf", content: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n", "latin1") });
    expect((await only(sec)).text).toBe(t.fileUnsupported);
    await sec.expectNoNewMessages(150);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a news article is not a notice: said plainly, nothing stored, the import step cleared", async () => {
    await startImport(sec);
    await sec.sendDocument({ fileName: "tin-tuc.txt", content: Buffer.from(NEWS, "utf8") });
    const answers = await sec.waitForMessages((m) => m.text?.includes(intake.notANotice) ?? false);
    expect(answers.at(-1)!.text!.endsWith(intake.notANotice)).toBe(true);
    expect(answers.some((m) => m.reply_markup?.inline_keyboard)).toBe(false);
    await sec.expectNoNewMessages(150);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
    await expect.poll(() => stepOf(sec)).toBeUndefined();

    // Pasted, the same.
    await startImport(sec);
    await sec.sendText(NEWS.slice(0, 4000));
    const part = await only(sec);
    await sec.press(part, t.importPreviewButton);
    const pasted = await sec.waitForMessages((m) => m.text?.includes(intake.notANotice) ?? false);
    expect(pasted.at(-1)!.text!.endsWith(intake.notANotice)).toBe(true);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a paste longer than MAX_NOTICE_CHARS is refused as too long and the import step is cleared", async () => {
    const line = "- Tiếp tục triển khai có hiệu quả các Chương trình, Kế hoạch, Đề án trọng tâm thuộc Chương trình hoạt động KH&CN.\n";
    const message = line.repeat(Math.ceil(TELEGRAM_MAX / line.length)).slice(0, TELEGRAM_MAX);
    const needed = Math.floor(MAX_NOTICE_CHARS / TELEGRAM_MAX) + 1;
    expect(needed * TELEGRAM_MAX).toBeGreaterThan(MAX_NOTICE_CHARS);

    const prompt = await startImport(sec);
    let last: BotMessage | undefined;
    for (let i = 1; i < needed; i++) {
      await sec.sendText(message);
      last = await only(sec);
      expect(last.text).toBe(t.importPart(i, i * TELEGRAM_MAX));
    }
    await sec.sendText(message);
    expect((await only(sec)).text).toBe(t.tooLong(MAX_NOTICE_CHARS));
    await expect.poll(() => stepOf(sec)).toBeUndefined();

    // Nothing of it is left: «Xem trước» has nothing to show, more text is not taken as a part.
    await sec.press(last!, t.importPreviewButton);
    expect((await only(sec)).text).toBe(t.importExpired);
    await sec.press(prompt, t.importPreviewButton);
    expect((await only(sec)).text).toBe(t.importExpired);
    await sec.sendText(message);
    expect((await only(sec)).text).toBe(t.notUnderstood);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a file longer than MAX_NOTICE_CHARS is refused as too long", async () => {
    await sec.sendDocument({ fileName: "rat-dai.txt", content: Buffer.from(NOTICE.repeat(Math.ceil((MAX_NOTICE_CHARS + 1) / NOTICE.length)), "utf8") });
    expect((await only(sec)).text).toBe(t.tooLong(MAX_NOTICE_CHARS));
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a document sent by the secretary without /import is previewed too", async () => {
    await expect.poll(() => stepOf(sec)).toBeUndefined();
    await sec.sendDocument({ fileName: "thong-bao.docx", content: await docxOf(NOTICE) });
    const shown = await preview(sec);
    expectSeedPreview(shown.text);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
    await sec.press(shown.last, t.importCancel);
    await sec.waitForMessages((m) => m.text === d.discarded);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });

  it("a unit head's document is not taken as a notice", async () => {
    const head = await tb.register(602, "Hà", "unit_head", "HCTH");
    await head.sendDocument({ fileName: "thong-bao.txt", content: Buffer.from(NOTICE, "utf8") });
    expect((await only(head)).text).toBe(t.notUnderstood);
    await head.expectNoNewMessages(150);
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
  });
});

describe("carrying unfinished tasks over to the next cycle", () => {
  let sec: TestUser;
  let head: TestUser;

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    sec = await tb.register(503, "Quang", "secretary");
    head = await tb.register(603, "Khoa", "unit_head", "QLKH");
  });
  afterAll(async () => tb?.close());

  it("closes December: carries the unfinished tasks over, each once, with their units' states and a link back", async () => {
    await sec.sendDocument({ fileName: "thong-bao.txt", content: Buffer.from(NOTICE, "utf8") });
    const december = await preview(sec);
    expect(december.buttons).toEqual(draftButtons(t.importSave));
    await sec.press(december.last, t.importSave);
    await sec.waitForMessages((m) => m.text === STORED);
    expect((await head.waitForMessages(1))[0]?.text).toBe(t.newCycleForUnit(NOTICE_PER_UNIT.QLKH, 2, "2024-12"));

    // QLKH's head reports its first shared task done and its own last task in progress, through cards.
    await head.sendCommand("/tasks");
    const [list] = await head.waitForMessages(1);
    const partOf = (n: number) => Number(list!.reply_markup!.inline_keyboard![0]![n - 1]!.callback_data!.split(":")[1]);
    const [doneByButton, inProgress] = [partOf(1), partOf(2)];
    for (const [n, label] of [[1, t.buttons.done], [2, t.buttons.progress]] as const) {
      await head.press(list!, String(n));
      const [card] = await head.waitForMessages(1);
      await head.press(card!, label);
      await head.waitForCallbackAnswer();
      await head.waitForMessages((m) => m.message_id === card!.message_id && m.edited);
    }

    // Thanh tra finished everything (recorded directly); one HCTH task was cancelled.
    for (const r of await partsOf(db(), "TTRA")) await changeStatus(db(), { partId: r.id, memberId: null, status: "done", today: "2024-12-20", at: tb.clock.now() });
    const cancelled = (await partsOf(db(), "HCTH")).at(-1)!.taskId;
    await cancelTask(db(), { taskId: cancelled, memberId: null, at: tb.clock.now() });
    const unfinished = (await findTasks(db(), { parts: { some: { role: "lead", status: { in: ["open", "in_progress", "blocked"] } } } })).length;
    expect(unfinished).toBe(NOTICE_TASKS - 1 - 1); // Thanh tra's own paragraph done, HCTH's cancelled

    tb.clock.set("2025-01-06 09:00");
    await startImport(sec);
    await sec.sendDocument({ fileName: "TB-T12.docx", content: await docxOf(JANUARY) });
    const january = await preview(sec);
    expect(january.text).toContain("01/2025");
    expect(january.text).toContain(intake.carryOverOffer(unfinished));
    expect(january.buttons).toEqual([d.tasksButton(JANUARY_TASKS), d.addButton, d.carryButton(unfinished), t.importSaveCarry(unfinished), t.importSaveClose(unfinished), t.importCancel]);
    expect(await db().cycle.count()).toBe(1);

    await sec.press(january.last, t.importSaveCarry(unfinished));
    const done = await sec.waitForMessages((m) => m.text?.startsWith("Đã lưu") ?? false);
    expect(done.at(-1)!.text).toBe(intake.stored(JANUARY_TASKS, 8, 0, "2025-01", unfinished, 0));
    // A second tap on the removed button stores nothing more.
    await sec.press(january.last, dataOf(january.last, t.importSaveCarry(unfinished)), { unchecked: true });
    expect((await sec.waitForCallbackAnswer()).text).toBe(intake.notStored({ closed: true }));

    expect((await db().cycle.findMany({ orderBy: { key: "asc" } })).map((c) => [c.key, c.state])).toEqual([["2024-12", "closed"], ["2025-01", "open"]]);
    const carried = await findTasks(db(), { cycle: { key: "2025-01" }, carriedFromId: { not: null } });
    expect(carried).toHaveLength(unfinished);
    expect(carried.map((r) => r.carriedFromId)).not.toContain(cancelled);
    const sharedId = (await db().taskPart.findUniqueOrThrow({ where: { id: doneByButton } })).taskId;
    const shared = carried.find((r) => r.carriedFromId === sharedId)!;
    // The shared task QLKH and Thanh tra finished is carried without their parts; the others keep theirs.
    expect(shared.parts.map((p) => p.unit.code)).toEqual(["HCTH", "QLCN", "TTUD"]);
    const wip = carried.find((r) => r.parts.some((p) => p.unit.code === "QLKH" && p.status === "in_progress"))!;
    expect(wip.carriedFromId).toBe((await db().taskPart.findUniqueOrThrow({ where: { id: inProgress } })).taskId);
    expect(carried.find((r) => r.deadlineStated)?.deadline).toBe("2024-12-25");
    expect(carried.filter((r) => !r.deadlineStated).every((r) => r.deadline === "2025-01-31" && r.parts.every((p) => p.deadline === "2025-01-31"))).toBe(true);
    expect((await db().taskPart.findUniqueOrThrow({ where: { id: doneByButton } })).status).toBe("done");

    // December is closed and read-only: its old cards change nothing any more.
    const oldCard = head.allMessages().find((m) => m.text?.startsWith(`#${sharedId} `))!;
    const before = await counts(db());
    await head.press(oldCard, t.buttons.progress);
    expect(await head.waitForCallbackAnswer()).toEqual({ text: t.taskClosed(sharedId), show_alert: true });
    expect(await counts(db())).toEqual(before);
  });

  it("a notice for a period long past is stored only as a late entry", async () => {
    tb.clock.set("2026-11-23 09:00");
    const old = januaryNotice("9", "(1) Phòng Quản lý Khoa học:\n\n- Rà soát hồ sơ đề tài.").replace(/tháng 01 năm 2025/g, "tháng 11 năm 2024").replace("Ngày 30/12/2024", "Ngày 31/10/2024");
    const before = await counts(db());
    await startImport(sec);
    await sec.sendDocument({ fileName: "cu.txt", content: Buffer.from(old, "utf8") });
    const shown = await preview(sec);
    expect(shown.text).toContain(intake.staleWarning("2024-11-30"));
    expect(shown.buttons).toEqual([d.tasksButton(1), d.addButton, t.importSaveLate, t.importCancel]);
    // A forged «Lưu» is refused: the period has passed.
    await sec.press(shown.last, dataOf(shown.last, t.importSaveLate).replace(":L:", ":s:"), { unchecked: true });
    expect((await sec.waitForCallbackAnswer()).text).toBe(intake.staleRefused);
    expect(await counts(db())).toEqual(before);

    await sec.press(shown.last, t.importSaveLate);
    await sec.waitForMessages((m) => m.text?.startsWith("Đã lưu") ?? false);
    expect(await db().cycle.findUniqueOrThrow({ where: { key: "2024-11" } })).toMatchObject({ state: "closed", late: true });
    expect((await db().cycle.findUniqueOrThrow({ where: { key: "2025-01" } })).state).toBe("open");
  });
});
