// Reading a summary as its reader gets it (text parts and .docx) and what the database says its
// totals must be, counted without the code under test.
import mammoth from "mammoth";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.js";
import { SUMMARY_GROUPS, type GroupCounts } from "../../src/domain/summary/compile.js";
import type { BotMessage, TestUser } from "../../src/emulator/index.js";
import { summary as s } from "../../src/messages/index.js";

/** Waits for a summary (text parts, then the .docx) and returns its parts, the text joined. */
export async function receiveSummary(user: TestUser) {
  const messages = await user.waitForMessages((m) => !!m.document, 5000);
  const texts = messages.filter((m) => !m.document);
  const docs = messages.filter((m) => !!m.document);
  return { texts, docs, text: texts.map((m) => m.text).join("\n\n") };
}

/** The .docx's text, one trimmed paragraph or table cell a line. */
export async function docxLines(doc: BotMessage): Promise<string[]> {
  const raw = (await mammoth.extractRawText({ buffer: doc.document!.content })).value;
  return raw.split(/\n+/).map((x) => x.trim());
}

/** The cycle's tasks (of `unitCodes` only, if given) counted per summary group on `today`, straight from the database. */
export async function totalsInDb(db: Db, today: string, unitCodes?: string[]): Promise<{ count: number; groups: GroupCounts }> {
  const all = await db.task.findMany({
    where: unitCodes ? { unit: { code: { in: unitCodes } } } : {},
    include: { _count: { select: { updates: { where: { kind: { not: "created" } } } } } },
  });
  const groups = {
    doneOnTime: all.filter((x) => x.status === "done" && x.doneOn! <= x.deadline).length,
    doneLate: all.filter((x) => x.status === "done" && x.doneOn! > x.deadline).length,
    inProgress: all.filter((x) => x.status === "in_progress" && x.deadline >= today).length,
    overdue: all.filter((x) => ["open", "in_progress"].includes(x.status) && x.deadline < today).length,
    blocked: all.filter((x) => x.status === "blocked").length,
    notReported: all.filter((x) => x.status === "open" && x.deadline >= today && x._count.updates === 0).length,
  };
  return { count: all.length, groups };
}

/** The totals a summary shows, in its text and in the .docx's grand-total row, are `expected` over `units` units. */
export function expectTotals(text: string, docx: string[], expected: { count: number; groups: GroupCounts }, units: number): void {
  expect(text).toContain(s.totalsSentence(expected.count, units));
  for (const g of SUMMARY_GROUPS) expect(text).toContain(`  – ${s.totalsLine(s.groups[g], expected.groups[g])}`);
  expect(docx).toContain(s.totalsSentence(expected.count, units));
  const grand = docx.lastIndexOf(s.document.grandTotal);
  expect(docx.slice(grand + 1, grand + 8)).toEqual([...SUMMARY_GROUPS.map((g) => String(expected.groups[g])), String(expected.count)]);
}
