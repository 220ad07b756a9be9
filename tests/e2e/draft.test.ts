// The import draft, end to end: every correction a secretary makes in chat before saving, through
// the emulator as the secretary would press and type; the draft survives a restart and «Lưu»
// stores exactly the draft, once, also with a second secretary on the same notice.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, draft as d, intake } from "../../src/messages/index.js";
import { buttonsOf, isForceReply, startTestBot, type TestBot } from "../support/bot.js";
import { counts, januaryNotice, NOTICE, seed } from "../support/data.js";

const QLKH_FIRST = "Về việc tham mưu UBND tỉnh phê duyệt nhiệm vụ khoa học và công nghệ";
const HCTH_LINE = "Phòng HCTH bố trí lịch họp Lãnh đạo Sở mở rộng";

describe("correcting an import draft before saving it", () => {
  let tb: TestBot;
  let sec: TestUser;
  let sec2: TestUser;
  let panel: BotMessage;
  /** The text of the task dropped from the draft. */
  let dropped = "";
  const db = () => tb.server.app.db;

  /** Presses `label` on the draft panel and returns the panel as redrawn. */
  async function press(label: string): Promise<BotMessage> {
    await sec.press(panel, label);
    await sec.waitForCallbackAnswer();
    const [redrawn] = await sec.waitForMessages((m) => m.message_id === panel.message_id);
    panel = redrawn!;
    return panel;
  }

  /** Presses `label`, which asks a question; returns the question. */
  async function ask(label: string): Promise<BotMessage> {
    await sec.press(panel, label);
    await sec.waitForCallbackAnswer();
    return (await sec.waitForMessages(isForceReply)).at(-1)!;
  }

  /** Answers a question the panel asked, and returns the new panel the answer brings. */
  async function answer(text: string): Promise<BotMessage> {
    await sec.sendText(text);
    const [next] = await sec.waitForMessages(1);
    panel = next!;
    return panel;
  }

  beforeAll(async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    sec = await tb.register(501, "Quang", "secretary");
    sec2 = await tb.register(502, "Lan", "secretary");
    await sec.sendDocument({ fileName: "thong-bao.txt", content: Buffer.from(NOTICE, "utf8") });
    panel = (await sec.waitForMessages((m) => !!m.reply_markup?.inline_keyboard)).at(-1)!;
  });
  afterAll(async () => tb?.close());

  it("shows the whole draft in pages of five with number buttons, nothing hidden", async () => {
    const first = await press(d.tasksButton(24));
    expect(first.text!.startsWith("NHIỆM VỤ 1–5 / 24 (bản nháp)")).toBe(true);
    expect(first.text).toContain("1. [QLKH, HCTH, QLCN, TTRA, TTUD] Xây dựng kế hoạch triển khai");
    expect(buttonsOf(first)).toEqual(["1", "2", "3", "4", "5", t.nextPage, d.backToDraft]);
    const seen = new Set<string>();
    for (let page = 0; page < 5; page++) {
      for (const line of panel.text!.split("\n").filter((l) => /^\d+\. \[/.test(l))) seen.add(line.split(".")[0]!);
      if (page < 4) await press(t.nextPage);
    }
    expect(seen.size).toBe(24);
    expect(panel.text!.startsWith("NHIỆM VỤ 21–24 / 24")).toBe(true);
    await press(d.backToDraft);
  });

  it("dismisses a line, places the line naming HCTH with the suggested unit, another with a unit chosen", async () => {
    const line = await press(d.linesButton(6));
    expect(line.text).toContain("DÒNG CHƯA XẾP 1/6\n3. Về ý kiến của PGĐ Sở Phan Văn Hiếu");
    await press(d.dismiss);
    expect(panel.text).toContain("DÒNG CHƯA XẾP 1/5");
    await press(t.nextPage);
    expect(panel.text).toContain(HCTH_LINE);
    expect(panel.text).toContain("Gợi ý: Phòng Hành chính – Tổng hợp");
    expect(buttonsOf(panel)![0]).toBe(d.assignTo("HCTH"));
    await press(d.assignTo("HCTH"));
    expect(panel.text).toContain("DÒNG CHƯA XẾP 2/4");
    await press(d.otherUnit);
    expect(panel.text).toContain(d.pickLead);
    await press("TTRA");
    expect(panel.text).toContain("DÒNG CHƯA XẾP");
    await press(d.backToDraft);
    expect(panel.text).toContain("26 nhiệm vụ");
    expect(panel.text).toContain("❓ 3 dòng chưa xếp");
  });

  it("changes a task's units and their parts with the unit buttons", async () => {
    await press(d.tasksButton(26));
    await press(t.nextPage);
    await press("9");
    expect(panel.text).toContain(QLKH_FIRST);
    // "Phối hợp với Phòng HCTH" in QLKH's item: HCTH coordinates.
    expect(panel.text).toContain("Đơn vị: QLKH; phối hợp: HCTH");
    await press(d.unitsButton);
    expect(buttonsOf(panel)).toEqual(["✅ QLKH", "🤝 HCTH", "QLCN", "TTRA", "TTUD", d.done]);
    await press("QLCN"); // → responsible
    await press("✅ QLCN"); // → coordinating
    expect(buttonsOf(panel)!.slice(0, 3)).toEqual(["✅ QLKH", "🤝 HCTH", "🤝 QLCN"]);
    await press(d.done);
    expect(panel.text).toContain("Đơn vị: QLKH; phối hợp: HCTH, QLCN");
    // The last responsible unit cannot be taken away: refused, nothing redrawn.
    await press(d.unitsButton);
    await sec.press(panel, "✅ QLKH");
    expect(await sec.waitForCallbackAnswer()).toEqual({ text: d.refusal.no_lead_unit, show_alert: true });
    await sec.expectNoNewMessages(100);
    // HCTH back to none, then responsible beside QLKH.
    await press("🤝 HCTH");
    await press("HCTH");
    await press(d.done);
    expect(panel.text).toContain("Đơn vị: QLKH, HCTH; phối hợp: QLCN");
  });

  it("edits a task's text and deadline by typed answers; a date that does not exist is asked again", async () => {
    expect((await ask(d.textButton)).text).toBe(d.askText(8));
    await answer("Tham mưu UBND tỉnh phê duyệt danh mục nhiệm vụ KH&CN năm 2025");
    expect(panel.text).toContain("Tham mưu UBND tỉnh phê duyệt danh mục nhiệm vụ KH&CN năm 2025");
    expect((await ask(d.deadlineButton)).text).toBe(d.askDeadline(8));
    await sec.sendText("31/02/2025");
    expect((await sec.waitForMessages(1))[0]!.text).toBe(t.badDate);
    await answer("20/12/2024");
    expect(panel.text).toContain("hạn 20/12/2024");
  });

  it("drops a task and adds one that was missed", async () => {
    await press(d.backToList);
    await press("10");
    dropped = panel.text!.split("\n")[1]!;
    await sec.press(panel, d.dropButton);
    await sec.waitForCallbackAnswer();
    await sec.waitForMessages((m) => m.message_id === panel.message_id);
    panel = sec.allMessages().find((m) => m.message_id === panel.message_id)!;
    expect(panel.text).toContain("NHIỆM VỤ");
    await press(d.backToDraft);
    expect(panel.text).toContain("25 nhiệm vụ");
    expect((await ask(d.addButton)).text).toBe(d.askNewTask);
    await answer("Rà soát, tổng hợp các kiến nghị của PGĐ Sở tại cuộc họp ngày 29/11/2024");
    expect(panel.text).toBe(d.pickLead);
    await press("QLCN");
    expect(panel.text).toContain("Nhiệm vụ 26 (bản nháp)\nRà soát, tổng hợp các kiến nghị");
    expect(panel.text).toContain("Đơn vị: QLCN");
    expect(await counts(db())).toEqual({ cycles: 0, tasks: 0, parts: 0, events: 0 });
    expect(dropped.length).toBeGreaterThan(5);
  });

  it("survives a restart; «Lưu» stores exactly the draft, once; a second secretary's draft of the same notice is refused", async () => {
    await sec2.sendDocument({ fileName: "thong-bao.txt", content: Buffer.from(NOTICE, "utf8") });
    const [other] = await sec2.waitForMessages((m) => !!m.reply_markup?.inline_keyboard);
    await tb.restart();
    await press(d.backToList);
    await press(d.backToDraft);
    expect(panel.text).toContain("26 nhiệm vụ");
    await sec.press(panel, t.importSave);
    await sec.waitForMessages((m) => m.text?.startsWith("Đã lưu") ?? false);

    const tasks = await db().task.findMany({ include: { parts: { include: { unit: true } } }, orderBy: { position: "asc" } });
    expect(tasks).toHaveLength(26);
    const edited = tasks.find((x) => x.content === "Tham mưu UBND tỉnh phê duyệt danh mục nhiệm vụ KH&CN năm 2025")!;
    expect(edited.parts.map((p) => [p.unit.code, p.role])).toEqual([["QLKH", "lead"], ["HCTH", "lead"], ["QLCN", "support"]]);
    expect([edited.deadline, edited.deadlineStated]).toEqual(["2024-12-20", true]);
    const placed = tasks.find((x) => x.content.includes(HCTH_LINE))!;
    expect(placed.parts.map((p) => p.unit.code)).toEqual(["HCTH"]);
    expect([placed.deadline, placed.deadlineStated]).toEqual(["2024-12-31", false]);
    expect(tasks.at(-1)!.parts.map((p) => p.unit.code)).toEqual(["QLCN"]);
    expect(tasks.map((x) => x.content)).not.toContain(dropped);

    await sec2.press(other!, t.importSave);
    expect((await sec2.waitForCallbackAnswer()).text).toBe(intake.sameNotice("2024-12"));
    expect(await db().task.count()).toBe(26);
  });
});

describe("closing the cycle task by task", () => {
  let tb: TestBot;
  let sec: TestUser;
  afterAll(async () => tb?.close());

  it("carries the unfinished tasks over but closes the one the secretary marks, with the reason in its history", async () => {
    tb = await startTestBot({ now: "2024-12-04 09:00" });
    const db = tb.server.app.db;
    await seed(db, tb.clock.now());
    sec = await tb.register(501, "Quang", "secretary");
    tb.clock.set("2025-01-06 09:00");
    await sec.sendDocument({ fileName: "T12.txt", content: Buffer.from(januaryNotice("3", "(1) Thanh tra Sở\n\nXây dựng Kế hoạch thanh tra năm 2025."), "utf8") });
    let panel = (await sec.waitForMessages((m) => !!m.reply_markup?.inline_keyboard)).at(-1)!;
    expect(buttonsOf(panel)).toEqual([d.tasksButton(1), d.addButton, d.carryButton(24), t.importSaveCarry(24), t.importSaveClose(24), t.importCancel]);
    const pressPanel = async (label: string) => {
      await sec.press(panel, label);
      await sec.waitForCallbackAnswer();
      panel = (await sec.waitForMessages((m) => m.message_id === panel.message_id)).at(-1)!;
    };
    await pressPanel(d.carryButton(24));
    expect(panel.text!.split("\n")[0]).toBe("VIỆC CHƯA XONG CỦA KỲ TRƯỚC (24)");
    const first = Number(/^1\. ↪ #(\d+) /m.exec(panel.text!)![1]);
    await pressPanel("1");
    expect(panel.text).toMatch(new RegExp(`^1\\. ✖ #${first} `, "m"));
    await pressPanel(d.backToDraft);
    expect(buttonsOf(panel)).toContain(t.importSaveSome(23, 1));
    await sec.press(panel, t.importSaveSome(23, 1));
    expect((await sec.waitForMessages((m) => m.text?.startsWith("Đã lưu") ?? false)).at(-1)!.text).toBe(intake.stored(1, 1, 0, "2025-01", 23, 1));
    expect(await db.task.count({ where: { carriedFromId: first } })).toBe(0);
    const events = await db.taskEvent.findMany({ where: { taskId: first }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({ kind: "closed_not_done", note: intake.closedReason });
  });
});

describe("a notice that looks like another body's", () => {
  let tb: TestBot;
  afterAll(async () => tb?.close());

  it("is flagged at the top of the draft and saved only by a button that says it was checked", async () => {
    tb = await startTestBot({ now: "2024-12-10 09:00" });
    const sec = await tb.register(501, "Quang", "secretary");
    const other = readFileSync(join(import.meta.dirname, "..", "fixtures", "notices", "so-tai-chinh-noi-khac-2024-12.txt"));
    await sec.sendDocument({ fileName: "thong-bao.txt", content: other });
    const panel = (await sec.waitForMessages((m) => !!m.reply_markup?.inline_keyboard)).at(-1)!;
    expect(panel.text!.startsWith("⚠️ Thông báo này có vẻ do cơ quan khác ban hành (SỞ TÀI CHÍNH, số 512/TB-STC)")).toBe(true);
    expect(buttonsOf(panel)).toContain(t.importSaveDoubted);
    expect(buttonsOf(panel)).not.toContain(t.importSave);
    expect(await tb.server.app.db.task.count()).toBe(0);
    await sec.press(panel, t.importSaveDoubted);
    await sec.waitForMessages((m) => m.text?.startsWith("Đã lưu") ?? false);
    expect(await tb.server.app.db.task.count()).toBe(1);
  });
});
