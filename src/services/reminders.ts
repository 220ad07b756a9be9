// The daily reminder pass: a plain function of (clock, database) that the schedule, the start-up
// catch-up and the secretary's /remind all call. It decides who is reminded of what and writes the
// messages to the outbox in one transaction; the sender delivers them. A message's key (reminder,
// day, member) makes a second one impossible, also across restarts and two passes at once.
import type { App } from "../app.js";
import { lastOverdueDays } from "../db/deliveries.js";
import { membersWithRoles } from "../db/members.js";
import { enqueueOnce, type Outgoing } from "../db/outbox.js";
import { openPartsDueBy } from "../db/tasks.js";
import { addDays } from "../domain/calendar.js";
import { byUnit, dueTasks, type DueTask } from "../domain/reminders.js";
import { splitMessage } from "../domain/text.js";
import { bot as t } from "../messages/index.js";
import { renderPartList } from "../views/partList.js";

export interface ReminderReport {
  day: string;
  workingDay: boolean;
  units: number;
  /** Reminders written to the outbox by this pass. */
  queued: number;
  /** Reminders another pass had already written today. */
  alreadySent: number;
  /** Heads not reminded: the chat refused the bot before (it was reported). */
  failed: number;
}

type Head = Awaited<ReturnType<typeof membersWithRoles>>[number];

/** A unit head's reminder of the day: the unit's due parts, numbered, first page shown. */
function reminder(day: string, head: Head, due: DueTask[]): Outgoing {
  const items = due.map((d, i) => ({ number: i + 1, part: d.task, reason: d.reason }));
  const { text, keyboard } = renderPartList({ title: t.reminderTitle(day, head.unit?.name ?? ""), items, today: day, page: 0, list: { kind: "reminder", id: 0 } });
  return {
    kind: "reminder", day, key: `reminder:${day}:m${head.id}`, memberId: head.id, chatId: head.chatId, text, markup: keyboard,
    items: items.map((i) => ({ partId: i.part.id, number: i.number, reason: i.reason! })),
  };
}

/** The day's report to each secretary of units no reminder reaches (no head, or one who blocked the bot). */
function problemReports(day: string, secretaries: Head[], problems: string[]): Outgoing[] {
  if (problems.length === 0) return [];
  const parts = splitMessage(t.unreachableReport(day, problems));
  return secretaries.flatMap((s) => parts.map((text, i) => ({ kind: "report" as const, day, key: `report:${day}:m${s.id}:${i}`, memberId: s.id, chatId: s.chatId, text })));
}

export async function runReminderPass(app: App): Promise<ReminderReport> {
  const day = app.today();
  const report: ReminderReport = { day, workingDay: app.calendar.isWorkingDay(day), units: 0, queued: 0, alreadySent: 0, failed: 0 };
  if (!report.workingDay) return report;
  const rows = await openPartsDueBy(app.db, addDays(day, app.config.dueSoonDays));
  const unitName = new Map(rows.map((r) => [r.view.unitCode, r.unitName]));
  const due = dueTasks({
    today: day,
    tasks: rows.map((r) => r.view),
    lastOverdue: await lastOverdueDays(app.db),
    calendar: app.calendar,
    rules: { dueSoonDays: app.config.dueSoonDays, overdueRepeatWorkingDays: app.config.overdueRepeatWorkingDays },
  });
  const [heads, secretaries, written] = await Promise.all([
    membersWithRoles(app.db, ["unit_head"]),
    membersWithRoles(app.db, ["secretary"]),
    app.db.delivery.findMany({ where: { kind: "reminder", day }, select: { memberId: true } }),
  ]);
  const remindedToday = new Set(written.map((d) => d.memberId));
  const headsOf = new Map<string, Head[]>();
  for (const head of heads) if (head.unit) headsOf.set(head.unit.code, [...(headsOf.get(head.unit.code) ?? []), head]);
  const messages: Outgoing[] = [];
  const problems: string[] = [];
  for (const [code, unitDue] of byUnit(due)) {
    report.units++;
    const unitHeads = headsOf.get(code) ?? [];
    if (unitHeads.length === 0) problems.push(t.noHead(unitName.get(code)!));
    for (const head of unitHeads) {
      // Today's reminder was written already (sent, waiting, or failed and reported).
      if (remindedToday.has(head.id)) report.alreadySent++;
      // Telegram refused this chat before (bot blocked, chat gone): not tried every day; the
      // secretaries are told, and the member is reachable again once they write to the bot.
      else if (!head.reachable) {
        report.failed++;
        problems.push(t.unreachableMember(head.name, unitName.get(code)!));
      } else messages.push(reminder(day, head, unitDue));
    }
  }
  const added = await enqueueOnce(app.db, [...messages, ...problemReports(day, secretaries, problems)]);
  app.wakeSender();
  report.queued = added.filter((m) => m.kind === "reminder").length;
  // Written by another pass at the same moment.
  report.alreadySent += messages.length - report.queued;
  app.log.info(`reminders ${day}: ${report.queued} queued, ${report.alreadySent} already sent, ${report.failed} not reachable`);
  return report;
}
