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

/** The totals a summary shows, in its text and in the .docx's task-total row, are `expected` over `units` units. */
export function expectTotals(text: string, docx: string[], expected: { count: number; parts: number; groups: GroupCounts }, units: number): void {
  expect(text).toContain(s.totalsSentence(expected.count, expected.parts, units));
  for (const g of SUMMARY_GROUPS) expect(text).toContain(`  – ${s.totalsLine(s.groups[g], expected.groups[g])}`);
  expect(docx).toContain(s.totalsSentence(expected.count, expected.parts, units));
  const grand = docx.lastIndexOf(s.document.grandTotal);
  expect(docx.slice(grand + 1, grand + 8)).toEqual([...SUMMARY_GROUPS.map((g) => String(expected.groups[g])), String(expected.count)]);
}
