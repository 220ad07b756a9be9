// The monthly digest: the summary, unasked, to the director and secretaries (the whole department)
// and to deputies (the units they oversee), on a set working day before the month's end. Missed
// while the bot was down, it goes out on a later day of the same month; never twice.
import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import { claimDelivery, markFailed, markSent } from "../db/deliveries.js";
import { membersWithRoles, overseenCodes } from "../db/members.js";
import { lastDayOfMonth, monthOf } from "../domain/calendar.js";
import { compileSummaryFor } from "../domain/summary/compile.js";
import { summary as summaryText } from "../messages/index.js";
import { deliverSummary, loadCycle } from "./summary.js";

export function digestDay(app: App, month: string): string {
  return app.calendar.workingDaysBefore(lastDayOfMonth(month), app.config.digestWorkingDaysBeforeMonthEnd);
}

export interface DigestReport {
  due: boolean;
  month: string;
  sent: number;
  alreadySent: number;
  failed: number;
}

export async function runDigest(app: App, telegram: Telegram): Promise<DigestReport> {
  const today = app.today();
  const month = monthOf(today);
  const day = digestDay(app, month);
  const due = today > day || (today === day && app.hour() >= app.config.digestHour);
  const report: DigestReport = { due, month, sent: 0, alreadySent: 0, failed: 0 };
  if (!due) return report;
  const cycle = await loadCycle(app.db, today, month);
  if (!cycle) return report;
  for (const member of await membersWithRoles(app.db, ["director", "deputy", "secretary"])) {
    // Compiled before the claim: a claim left behind by a failed compile would never be retried.
    const summary = compileSummaryFor(cycle, overseenCodes(member));
    // Claimed on the scheduled day, so a catch-up later in the month finds the same claim.
    const claim = await claimDelivery(app.db, { kind: "digest", day, memberId: member.id, chatId: member.chatId });
    if (claim === null) {
      report.alreadySent++;
      continue;
    }
    const result = await deliverSummary(app, telegram, member, summary, summaryText.digestIntro);
    await (result.ok ? markSent(app.db, claim, result.messageId) : markFailed(app.db, claim, result.error));
    report[result.ok ? "sent" : "failed"]++;
  }
  app.log.info(`digest ${month}: ${report.sent} sent, ${report.alreadySent} already sent, ${report.failed} failed`);
  return report;
}
