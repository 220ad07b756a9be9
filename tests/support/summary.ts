// Reading a summary as its reader gets it (text parts and .docx) and what the database says its
// totals must be, counted without the code under test.
import mammoth from "mammoth";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.js";
import { SUMMARY_GROUPS, type GroupCounts } from "../../src/domain/summary/compile.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { summary as s } from "../../src/messages/index.js";
import { percent } from "../../src/messages/vi/summary.js";

/** Waits for a summary (its chart, then the one message with buttons) and returns both. */
export async function receiveSummary(user: TestUser) {
  const messages = await user.waitForMessages((m) => isSummary(m), 15000);
  const photos = messages.filter((m) => !!m.photo);
  const texts = messages.filter((m) => m.text !== undefined);
  const message = texts.find(isSummary)!;
  return { photos, texts, message, text: message.text! };
}

const isSummary = (m: BotMessage) => m.reply_markup?.inline_keyboard?.some((row) => row.some((b) => b.callback_data?.includes(":docx:"))) ?? false;

/** Presses the summary's button `label` and waits for the document it sends. */
export async function pressForDocument(user: TestUser, summary: BotMessage, label: string): Promise<BotMessage> {
  await user.press(summary, label);
  const [doc] = await user.waitForMessages((m) => !!m.document, 20000);
  return doc!;
}

/** The .docx's text, one trimmed paragraph or table cell a line. */
export async function docxLines(doc: BotMessage): Promise<string[]> {
  const raw = (await mammoth.extractRawText({ buffer: doc.document!.content })).value;
  return raw.split(/\n+/).map((x) => x.trim());
}

type Group = (typeof SUMMARY_GROUPS)[number];

/** A part's group, by the rules of the briefing report, restated here without the code under test. */
function partGroup(p: { status: string; deadline: string; doneOn: string | null; reported: boolean }, today: string): Group | null {
  if (p.status === "cancelled" || p.status === "carried_over") return null;
  if (p.status === "done") return p.doneOn! > p.deadline ? "doneLate" : "doneOnTime";
  if (p.status === "blocked") return "blocked";
  if (p.deadline < today) return "overdue";
  return p.status === "open" && !p.reported ? "notReported" : "inProgress";
}

/**
 * The cycle's tasks (taking part of `unitCodes` only, if given) counted per summary group on `today`,
 * straight from the database: a task's group is its parts' most pressing one.
 */
export async function totalsInDb(db: Db, today: string, unitCodes?: string[]): Promise<{ count: number; parts: number; groups: GroupCounts }> {
  const tasks = await db.task.findMany({
    include: {
      parts: {
        where: { role: "lead", ...(unitCodes ? { unit: { code: { in: unitCodes } } } : {}) },
        include: { _count: { select: { events: { where: { kind: { in: ["in_progress", "blocked", "done", "note", "extension"] } } } } } },
      },
    },
  });
  const groups = Object.fromEntries(SUMMARY_GROUPS.map((g) => [g, 0])) as GroupCounts;
  let count = 0;
  let parts = 0;
  for (const task of tasks) {
    const found = task.parts.map((p) => partGroup({ ...p, reported: p._count.events > 0 }, today)).filter((g): g is Group => g !== null);
    if (found.length === 0) continue;
    count++;
    parts += found.length;
    const group = (["blocked", "overdue", "inProgress", "notReported", "doneLate"] as const).find((g) => found.includes(g)) ?? "doneOnTime";
    groups[group]++;
  }
  return { count, parts, groups };
}

/** The totals a summary message shows (and the report's prose, when given) are `expected` over `units` units. */
export function expectTotals(text: string, expected: { count: number; parts: number; groups: GroupCounts }, units: number, docx?: string[]): void {
  const g = expected.groups;
  const done = g.doneOnTime + g.doneLate;
  const open = expected.count - done;
  expect(text).toContain(s.totals(expected.count, expected.parts, units));
  expect(text).toContain(s.doneLine(done, percent(done, expected.count), g.doneOnTime, g.doneLate));
  expect(text).toContain(s.openLine(open, percent(open, expected.count), g.inProgress, g.overdue));
  expect(text).toContain(s.otherLine(g.blocked, g.notReported));
  if (!docx) return;
  expect(docx).toContain(s.document.totals(expected.count, expected.parts, units));
  expect(docx).toContain(s.document.open(open, percent(open, expected.count), g.inProgress, g.overdue, g.blocked, g.notReported));
}
