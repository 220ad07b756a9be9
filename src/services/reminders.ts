// The daily reminder pass: a plain function of (clock, database) that the schedule, the start-up
// catch-up and the secretary's /remind all call. Claims make a second send impossible.
import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import { claimDelivery, lastOverdueDays, markFailed, markSent } from "../db/deliveries.js";
import { membersWithRoles, unitHeads } from "../db/members.js";
import { openPartsDueBy, toPartView } from "../db/tasks.js";
import { addDays } from "../domain/calendar.js";
import { byUnit, dueTasks, type DueTask } from "../domain/reminders.js";
import { bot as t } from "../messages/index.js";
import { renderPartList } from "../bot/views/partList.js";
import { sendTo } from "./send.js";

export interface ReminderReport {
  day: string;
  workingDay: boolean;
  units: number;
  sent: number;
  alreadySent: number;
  failed: number;
}

interface UnitRef {
  id: number;
  name: string;
}

async function remindUnit(app: App, telegram: Telegram, day: string, unit: UnitRef, due: DueTask[], report: ReminderReport, problems: string[]) {
  const heads = await unitHeads(app.db, unit.id);
  if (heads.length === 0) problems.push(t.noHead(unit.name));
  const items = due.map((d, i) => ({ number: i + 1, part: d.task, reason: d.reason }));
  for (const head of heads) {
    // Telegram refused this chat before (bot blocked, chat gone): not tried again every day; the
    // secretaries are told, and the member is reachable again once they write to the bot.
    if (!head.reachable) {
      report.failed++;
      problems.push(t.unreachableMember(head.name, unit.name));
      continue;
    }
    const claim = await claimDelivery(app.db, {
      kind: "reminder",
      day,
      memberId: head.id,
      chatId: head.chatId,
      items: items.map((i) => ({ partId: i.part.id, number: i.number, reason: i.reason })),
    });
    if (claim === null) {
      report.alreadySent++;
      continue;
    }
    // The claim's id names the list in its page buttons before the message exists.
    const { text, keyboard } = renderPartList({ title: t.reminderTitle(day, unit.name), items, today: day, page: 0, list: { kind: "reminder", id: claim } });
    const result = await sendTo(app, telegram, head, text, keyboard);
    if (result.ok) {
      await markSent(app.db, claim, result.messageId);
      report.sent++;
    } else {
      await markFailed(app.db, claim, result.error);
      report.failed++;
      problems.push(t.unreachableMember(head.name, unit.name));
    }
  }
}

/** Tells the secretaries, once a day, which unit heads the reminders did not reach. */
async function reportProblems(app: App, telegram: Telegram, day: string, problems: string[]) {
  if (problems.length === 0) return;
  for (const secretary of await membersWithRoles(app.db, ["secretary"])) {
    const claim = await claimDelivery(app.db, { kind: "report", day, memberId: secretary.id, chatId: secretary.chatId });
    if (claim === null) continue;
    const result = await sendTo(app, telegram, secretary, t.unreachableReport(day, problems));
    await (result.ok ? markSent(app.db, claim, result.messageId) : markFailed(app.db, claim, result.error));
  }
}

export async function runReminderPass(app: App, telegram: Telegram): Promise<ReminderReport> {
  const day = app.today();
  const report: ReminderReport = { day, workingDay: app.calendar.isWorkingDay(day), units: 0, sent: 0, alreadySent: 0, failed: 0 };
  if (!report.workingDay) return report;
  const rows = await openPartsDueBy(app.db, addDays(day, app.config.dueSoonDays));
  const unitOf = new Map(rows.map((r) => [r.id, r.unit]));
  const due = dueTasks({
    today: day,
    tasks: rows.map(toPartView),
    lastOverdue: await lastOverdueDays(app.db),
    calendar: app.calendar,
    rules: { dueSoonDays: app.config.dueSoonDays, overdueRepeatWorkingDays: app.config.overdueRepeatWorkingDays },
  });
  const problems: string[] = [];
  for (const unitDue of byUnit(due).values()) {
    report.units++;
    await remindUnit(app, telegram, day, unitOf.get(unitDue[0]!.task.id)!, unitDue, report, problems);
  }
  await reportProblems(app, telegram, day, problems);
  app.log.info(`reminders ${day}: ${report.sent} sent, ${report.alreadySent} already sent, ${report.failed} failed`);
  return report;
}
