// The summary as a plain-text chat message (sent without parse_mode, so nothing needs escaping).
import { daysBetween, formatDay, formatMonth } from "../calendar.js";
import { oneLine, shorten } from "../text.js";
import type { TaskView } from "../types.js";
import { summary as t } from "../../messages/vi/summary.js";
import { SUMMARY_GROUPS, type Summary, type SummaryGroup, type UnitSummary } from "./compile.js";

/** Longest task content or note the chat version shows; the .docx keeps them whole. */
const MAX_TEXT = 200;

/** What the report says about a task besides its content and deadline. */
export interface TaskRemarks {
  /** When it was done late, or how late it is. */
  timing: string[];
  /** The blocking reason, or the unit's note on unfinished work. */
  note: string | null;
}

export function describeTask(task: TaskView, group: SummaryGroup, today: string): TaskRemarks {
  const timing: string[] = [];
  if (group === "doneLate" && task.doneOn) timing.push(t.doneOn(formatDay(task.doneOn)));
  if ((group === "overdue" || group === "blocked") && task.deadline < today) {
    timing.push(t.overdueDays(daysBetween(task.deadline, today)));
  }
  return { timing, note: noteOf(task, group) };
}

function noteOf(task: TaskView, group: SummaryGroup): string | null {
  const note = task.note === null ? "" : oneLine(task.note);
  if (group === "blocked") return t.blockedReason(note || t.noReason);
  const unfinished = group === "inProgress" || group === "overdue";
  return unfinished && note ? t.note(note) : null;
}

/** "<content> (hạn 25/12/2024, quá hạn 3 ngày)", content shortened for chat. */
function taskText(task: TaskView, timing: string[]): string {
  const when = [t.deadline(formatDay(task.deadline), task.deadlineStated), ...timing].join(", ");
  return `${shorten(oneLine(task.content), MAX_TEXT)} (${when})`;
}

function taskLine(task: TaskView, group: SummaryGroup, today: string): string {
  const { timing, note } = describeTask(task, group, today);
  const line = `  – ${taskText(task, timing)}`;
  return note === null ? line : `${line} — ${shorten(note, MAX_TEXT)}`;
}

/** "Tổng số 3 nhiệm vụ, trong đó: hoàn thành đúng hạn 2; vướng mắc 1." (non-empty groups only). */
export function unitCountsLine(unit: UnitSummary): string {
  const parts = SUMMARY_GROUPS.filter((g) => unit.groups[g].length > 0).map((g) =>
    t.groupCount(t.groupsInline[g], unit.groups[g].length),
  );
  return t.unitCounts(unit.total, parts);
}

function unitBlock(unit: UnitSummary, index: number, today: string): string {
  const lines = [`${index + 1}. ${unit.name}`];
  if (unit.total === 0) return [...lines, t.noTasks].join("\n");
  lines.push(unitCountsLine(unit));
  for (const group of SUMMARY_GROUPS) {
    const tasks = unit.groups[group];
    if (tasks.length === 0) continue;
    lines.push(`• ${t.groupHeading(t.groups[group], tasks.length)}`);
    lines.push(...tasks.map((task) => taskLine(task, group, today)));
  }
  return lines.join("\n");
}

function totalsBlock(s: Summary): string {
  if (s.total === 0) return [t.totalsHeading, t.noTasksAtAll].join("\n");
  const done = s.totals.doneOnTime + s.totals.doneLate;
  return [
    t.totalsHeading,
    t.totalsSentence(s.total, s.units.length),
    ...SUMMARY_GROUPS.map((g) => `  – ${t.totalsLine(t.groups[g], s.totals[g])}`),
    t.completionRate(done, s.total),
  ].join("\n");
}

function overdueBlock(s: Summary): string {
  if (s.overdueList.length === 0) return [t.overdueHeading, t.noOverdue].join("\n");
  const lines = s.overdueList.map(({ task, unitName }, i) => {
    const { timing } = describeTask(task, "overdue", s.today);
    return `${i + 1}. ${unitName}: ${taskText(task, timing)}`;
  });
  return [t.overdueHeading, ...lines].join("\n");
}

/** Says a partial summary is partial, so a deputy's report is never taken for the department's. */
export function scopeLine(s: Summary): string[] {
  return s.departmentUnits === null ? [] : [t.scope(s.units.length, s.departmentUnits)];
}

/** The briefing report; blocks are separated by blank lines so that splitMessage cuts between them. */
export function renderSummaryText(summary: Summary, opts: { title?: string } = {}): string {
  const heading = [opts.title ?? t.title(formatMonth(summary.month)), t.asOf(formatDay(summary.today)), ...scopeLine(summary)].join("\n");
  const units = summary.units.map((unit, i) => unitBlock(unit, i, summary.today));
  return [heading, ...units, totalsBlock(summary), overdueBlock(summary)].join("\n\n");
}
