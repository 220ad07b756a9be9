// The monthly digest: the summary, unasked, to the director and secretaries (the whole department)
// and to deputies (the units they oversee), on a set working day before the month's end. Missed
// while the bot was down, it goes out on a later day of the same month; never twice.
import type { App } from "../app.js";
import { enqueueOnce, type Outgoing } from "../db/outbox.js";
import { membersWithRoles, overseenCodes } from "../db/members.js";
import { lastDayOfMonth, monthOf } from "../domain/calendar.js";
import { compileSummaryFor, type Summary } from "../domain/summary/compile.js";
import { summary as summaryText } from "../messages/index.js";
import { loadCycle, summaryMessages } from "./summary.js";

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
  await enqueueOnce(app.db, messages);
  app.wakeSender();
  report.queued = pending.length;
  report.alreadySent = readers.length - pending.length;
  app.log.info(`digest ${month}: ${report.queued} queued, ${report.alreadySent} already sent`);
  return report;
}
