// A deputy director is like the director for the units they oversee: /summary, the monthly
// digest, /tasks and /task show those units only. A deputy with no units listed sees them all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { changeStatus } from "../../src/db/tasks.js";
import { OPEN_STATUSES } from "../../src/domain/types.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { bot as t, summary as s } from "../../src/messages/index.js";
import { digestDay } from "../../src/services/digest.js";
import { buttonsOf, only, startTestBot, type TestBot } from "../support/bot.js";
import { seed, partsOf } from "../support/data.js";
import { docxLines, expectTotals, pressForDocument, receiveSummary, totalsInDb } from "../support/summary.js";

const OVERSEEN = ["QLKH", "QLCN"];
const TODAY = "2024-12-10";

let tb: TestBot;
let db: Db;
/** Unit names by code, in the org's order. */
let names: Map<string, string>;

/** The "1. <unit code>" lines of a summary message, in order. */
function unitHeadings(text: string): string[] {
  return text
    .split("\n")
    .map((line) => /^(\d+)\. ([A-Z][A-Z0-9_]*)[ :]/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && names.has(m[2]!))
    .map((m) => `${m[1]}. ${m[2]}`);
}

/** The units the report's prose gives a result line ("- <name>: …"). */
const unitRows = (docx: string[]) => [...names.values()].filter((name) => docx.some((line) => line.startsWith(`- ${name}: `)));

const headingsOf = (codes: string[]) => codes.map((code, i) => `${i + 1}. ${code}`);

async function send(user: TestUser, command: string): Promise<BotMessage> {
  await user.sendCommand(command);
  return only(user);
}

describe("a deputy overseeing QLKH and QLCN, next to the director and a deputy of every unit", () => {
  let director: TestUser;
  let deputy: TestUser;
  let deputyOfAll: TestUser;

  beforeAll(async () => {
    tb = await startTestBot({ now: `${TODAY} 09:00` });
    db = tb.server.app.db;
    await seed(db, tb.clock.now());
    names = new Map((await db.unit.findMany({ orderBy: { position: "asc" } })).map((u) => [u.code, u.name]));
    // Replies in three units, so that each unit's totals differ from the department's.
    const at = tb.clock.now();
    const [qlkh, qlcn, hcth] = [await partsOf(db, "QLKH"), await partsOf(db, "QLCN"), await partsOf(db, "HCTH")];
    await changeStatus(db, { partId: qlkh[0]!.id, memberId: null, status: "done", today: TODAY, at });
    await changeStatus(db, { partId: qlcn[0]!.id, memberId: null, status: "blocked", note: "Chờ kinh phí", today: TODAY, at });
    await changeStatus(db, { partId: hcth[0]!.id, memberId: null, status: "in_progress", note: "Đang soạn", today: TODAY, at });
    director = await tb.register(401, "Giám", "director");
    deputy = await tb.register(402, "Phó", "deputy", undefined, OVERSEEN);
    deputyOfAll = await tb.register(403, "Phong", "deputy");
  });
  afterAll(async () => tb?.close());

  it("/summary lists exactly the two units, with their totals as the database has them, in the text and the .docx", async () => {
    await deputy.sendCommand("/summary");
    const { text, message } = await receiveSummary(deputy);
    await deputy.expectNoNewMessages(200);
    expect(text.startsWith([s.title("12/2024"), s.asOf("10/12/2024"), s.scope(2, 5)].join("\n"))).toBe(true);
    expect(unitHeadings(text)).toEqual(headingsOf(OVERSEEN));
    const docx = await docxLines(await pressForDocument(deputy, message, s.buttons.docx));
    expect(docx).toContain(s.document.scope(2, 5));
    expect(unitRows(docx)).toEqual(OVERSEEN.map((code) => names.get(code)));
    const expected = await totalsInDb(db, TODAY, OVERSEEN);
    expect([expected.count, expected.parts]).toEqual([14, 22]); // 8 shared tasks and 3 + 3 of their own
    expectTotals(text, expected, 2, docx);
  });

  it("a deputy with no units listed, like the director, gets the whole department", async () => {
    for (const reader of [deputyOfAll, director]) {
      await reader.sendCommand("/summary");
      const { text } = await receiveSummary(reader);
      expect(text.startsWith(`${s.title("12/2024")}\n${s.asOf("10/12/2024")}\n\n`)).toBe(true);
      expect(unitHeadings(text)).toEqual(headingsOf([...names.keys()]));
      expectTotals(text, await totalsInDb(db, TODAY), 5);
    }
  });

  it("/tasks offers the two units only, each with its open tasks; another unit is refused by name and by button", async () => {
    const open = (code: string) => db.taskPart.count({ where: { unit: { code }, role: "lead", status: { in: OPEN_STATUSES } } });
    const picker = await send(deputy, "/tasks");
    expect(picker.text).toBe(t.pickUnit);
    expect(buttonsOf(picker)).toEqual(await Promise.all(OVERSEEN.map(async (code) => t.unitCount(code, await open(code)))));
    expect((await send(deputy, "/tasks hcth")).text).toBe(t.unitNotOverseen(names.get("HCTH")!));
    await deputy.press(picker, "tl:HCTH", { unchecked: true });
    expect(await deputy.waitForCallbackAnswer()).toEqual({ text: t.notYourTask, show_alert: true });
    await deputy.expectNoNewMessages(100);

    expect(buttonsOf(await send(deputyOfAll, "/tasks"))).toHaveLength(5);
  });

  it("/tasks QLKH lists the unit's tasks; a card opens, but its buttons change nothing for a deputy", async () => {
    await deputy.sendCommand("/tasks QLKH");
    const [list] = await deputy.waitForMessages(1);
    expect(list!.text!.startsWith(t.tasksTitle(names.get("QLKH")!))).toBe(true);
    await deputy.press(list!, "2");
    const [card] = await deputy.waitForMessages(1);
    await deputy.press(card!, t.buttons.done);
    expect(await deputy.waitForCallbackAnswer()).toEqual({ text: t.notAllowed, show_alert: true });
    const partId = Number(list!.reply_markup!.inline_keyboard![0]![1]!.callback_data!.split(":")[1]);
    expect((await db.taskPart.findUniqueOrThrow({ where: { id: partId } })).status).toBe("open");
  });

  it("/task of a task of HCTH alone is refused; one of QLKH is shown; the deputy of every unit sees both", async () => {
    // HCTH's own task no overseen unit takes part in (its last one is shared with every unit).
    const hcth = (await db.task.findFirstOrThrow({ where: { parts: { every: { unit: { code: "HCTH" } } } }, orderBy: { id: "desc" } })).id;
    const qlkh = (await partsOf(db, "QLKH")).at(-1)!.taskId;
    expect((await send(deputy, `/task ${hcth}`)).text).toBe(t.notYourTask);
    expect((await send(deputy, `/task ${qlkh}`)).text!.startsWith(`#${qlkh} · `)).toBe(true);
    expect((await send(deputyOfAll, `/task ${hcth}`)).text!.startsWith(`#${hcth} · `)).toBe(true);
  });

  it("the digest on its day gives the deputy the two units and the director all five", async () => {
    const day = digestDay(tb.server.app, "2024-12");
    tb.clock.set(`${day} 16:05`);
    await tb.restart();
    const digest = async (user: TestUser) => {
      const { text } = await receiveSummary(user);
      expect(text.startsWith(`${s.digestIntro}\n\n${s.title("12/2024")}`)).toBe(true);
      return { text };
    };
    const forDeputy = await digest(deputy);
    expect(unitHeadings(forDeputy.text)).toEqual(headingsOf(OVERSEEN));
    expect(forDeputy.text).toContain(s.scope(2, 5));
    expectTotals(forDeputy.text, await totalsInDb(db, day, OVERSEEN), 2);
    for (const reader of [director, deputyOfAll]) {
      const whole = await digest(reader);
      expect(unitHeadings(whole.text)).toEqual(headingsOf([...names.keys()]));
      expectTotals(whole.text, await totalsInDb(db, day), 5);
    }
  });
});
