// The monthly digest: the summary, unasked, to the director and secretaries (the whole department)
// and to deputies (the units they oversee), on a set working day before the month's end. Missed
// while the bot was down, it goes out on a later day of the same month; never twice.
import type { App } from "../app.js";
import { enqueueOnce, type Outgoing } from "../db/outbox.js";
import { membersWithRoles, overseenCodes } from "../db/members.js";
import { lastDayOfMonth, monthOf } from "../domain/calendar.js";
import { compileSummaryFor, type Summary } from "../domain/summary/compile.js";
import { summary as summaryText } from "../messages/index.js";
import { linkedGroup } from "./group.js";
import { loadCycle, reportFile, summaryMessages } from "./summary.js";

export function digestDay(app: App, month: string): string {
  return app.calendar.workingDaysBefore(lastDayOfMonth(month), app.config.digestWorkingDaysBeforeMonthEnd);
}

export interface DigestReport {
  due: boolean;
  month: string;
  /** Readers whose digest this run wrote to the outbox. */
  queued: number;
  alreadySent: number;
}

/** One reader's digest: the same chart and message as /summary, keyed so it goes out once. */
function digestFor(app: App, day: string, member: Awaited<ReturnType<typeof membersWithRoles>>[number], summary: Summary): Promise<Outgoing[]> {
  const base = { kind: "digest" as const, day, memberId: member.id, chatId: member.chatId };
  return summaryMessages(app, base, `digest:${day}:m${member.id}`, summary, summaryText.digestIntro);
}

/** The linked briefing group's digest: the department's chart and message, without buttons, and the report. */
async function groupDigest(app: App, day: string, summary: Summary): Promise<Outgoing[]> {
  const group = await linkedGroup(app.db);
  if (!group) return [];
  const key = `digest:${day}:group:${group.chatId}`;
  if (await app.db.delivery.findFirst({ where: { key: { startsWith: key } }, select: { id: true } })) return [];
  const base = { kind: "digest" as const, day, memberId: null, chatId: group.chatId };
  // In the group the message has no buttons: they answer registered readers only.
  const parts = (await summaryMessages(app, base, key, summary, summaryText.digestIntro)).map((m) => ({ ...m, markup: undefined }));
  const file = await reportFile(app, summary, "docx");
  return [...parts, { ...base, key: `${key}:docx`, format: "document" as const, file: { name: file.name, content: file.content }, text: file.caption }];
}

/**
 * Writes each reader's digest to the outbox on the scheduled day (or a later day of the month when
 * the bot was down then); keyed on the scheduled day, so a catch-up finds what was written.
 */
export async function runDigest(app: App): Promise<DigestReport> {
  const today = app.today();
  const month = monthOf(today);
  const day = digestDay(app, month);
  const due = today > day || (today === day && app.hour() >= app.config.digestHour);
  const report: DigestReport = { due, month, queued: 0, alreadySent: 0 };
  if (!due) return report;
  const cycle = await loadCycle(app.db, today, month);
  if (!cycle) return report;
  const readers = await membersWithRoles(app.db, ["director", "deputy", "secretary"]);
  const already = new Set((await app.db.delivery.findMany({ where: { kind: "digest", day }, select: { memberId: true } })).map((d) => d.memberId));
  const pending = readers.filter((m) => !already.has(m.id));
  const messages: Outgoing[] = [];
  // One reader after another: each chart is drawn in a worker of its own.
  for (const m of pending) messages.push(...(await digestFor(app, day, m, compileSummaryFor(cycle, overseenCodes(m)))));
  messages.push(...(await groupDigest(app, day, compileSummaryFor(cycle, null))));
  await enqueueOnce(app.db, messages);
  app.wakeSender();
  report.queued = pending.length;
  report.alreadySent = readers.length - pending.length;
  app.log.info(`digest ${month}: ${report.queued} queued, ${report.alreadySent} already sent`);
  return report;
}
