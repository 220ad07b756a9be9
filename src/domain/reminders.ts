// Which tasks a unit head is reminded of on a given day.
import { daysBetween, type WorkCalendar } from "./calendar.js";
import { OPEN_STATUSES, type PartView } from "./types.js";

export type ReminderReason = "due_soon" | "due_today" | "overdue";

export interface ReminderRules {
  dueSoonDays: number;
  /** An overdue task is listed again only after this many working days. */
  overdueRepeatWorkingDays: number;
}

export interface DueTask {
  /** A responsible unit's part (coordinating units are not reminded). */
  task: PartView;
  reason: ReminderReason;
}

const ORDER: Record<ReminderReason, number> = { overdue: 0, due_today: 1, due_soon: 2 };

/**
 * The tasks to list in `today`'s reminders, overdue first. Returns nothing on a day off.
 * `lastOverdue` holds, per task, the last day it was listed as overdue.
 */
export function dueTasks(input: {
  today: string;
  tasks: PartView[];
  lastOverdue: ReadonlyMap<number, string>;
  calendar: WorkCalendar;
  rules: ReminderRules;
}): DueTask[] {
  const { today, calendar, rules } = input;
  if (!calendar.isWorkingDay(today)) return [];
  const due: DueTask[] = [];
  for (const task of input.tasks) {
    if (task.role !== "lead" || !OPEN_STATUSES.includes(task.status)) continue;
    const daysLeft = daysBetween(today, task.deadline);
    if (daysLeft < 0) {
      const last = input.lastOverdue.get(task.id);
      if (!last || calendar.workingDaysBetween(last, today) >= rules.overdueRepeatWorkingDays) due.push({ task, reason: "overdue" });
    } else if (daysLeft === 0) {
      due.push({ task, reason: "due_today" });
    } else if (daysLeft <= rules.dueSoonDays) {
      due.push({ task, reason: "due_soon" });
    }
  }
  return due.sort((a, b) => ORDER[a.reason] - ORDER[b.reason] || a.task.deadline.localeCompare(b.task.deadline) || a.task.id - b.task.id);
}

/** Groups due tasks by unit code, keeping their order. */
export function byUnit(due: DueTask[]): Map<string, DueTask[]> {
  const map = new Map<string, DueTask[]>();
  for (const d of due) {
    const list = map.get(d.task.unitCode);
    if (list) list.push(d);
    else map.set(d.task.unitCode, [d]);
  }
  return map;
}
