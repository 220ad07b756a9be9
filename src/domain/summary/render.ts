// The summary as a plain-text chat message (sent without parse_mode, so nothing needs escaping).
// A task shared by several units is written once, with each unit's state.
import { daysBetween, formatDay, formatMonth } from "../calendar.js";
import { oneLine, shorten } from "../text.js";
import type { PartView } from "../types.js";
import { summary as t } from "../../messages/vi/summary.js";
import { SUMMARY_GROUPS, type Summary, type SummaryGroup, type TaskSummary, type UnitSummary } from "./compile.js";

/** Longest task content or note the chat version shows; the .docx keeps them whole. */
const MAX_TEXT = 200;

/** What the report says about a unit's part besides its content and deadline. */
export interface TaskRemarks {
  /** When it was done late, or how late it is. */
  timing: string[];
  /** The blocking reason, or the unit's note on unfinished work. */
  note: string | null;
}

export function describePart(part: PartView, group: SummaryGroup, today: string): TaskRemarks {
  const timing: string[] = [];
  if (group === "doneLate" && part.doneOn) timing.push(t.doneOn(formatDay(part.doneOn)));
  if ((group === "overdue" || group === "blocked") && part.deadline < today) {
    timing.push(t.overdueDays(daysBetween(part.deadline, today)));
  }
  return { timing, note: noteOf(part, group) };
}

function noteOf(part: PartView, group: SummaryGroup): string | null {
  const note = part.note === null ? "" : oneLine(part.note);
  if (group === "blocked") return t.blockedReason(note || t.noReason);
  const unfinished = group === "inProgress" || group === "overdue";
  return unfinished && note ? t.note(note) : null;
}

/** "<content> (hạn 25/12/2024, quá hạn 3 ngày)", content shortened for chat. */
function taskText(part: PartView, timing: string[]): string {
  const when = [t.deadline(formatDay(part.deadline), part.deadlineStated), ...timing].join(", ");
  return `${shorten(oneLine(part.content), MAX_TEXT)} (${when})`;
}

function partLine(part: PartView, group: SummaryGroup, today: string): string {
  const { timing, note } = describePart(part, group, today);
  const line = `  – ${taskText(part, timing)}`;
  return note === null ? line : `${line} — ${shorten(note, MAX_TEXT)}`;
}

/** "Tổng số 3 phần việc, trong đó: hoàn thành đúng hạn 2; vướng mắc 1." (non-empty groups only). */
export function unitCountsLine(unit: UnitSummary): string {
  const parts = SUMMARY_GROUPS.filter((g) => unit.groups[g].length > 0).map((g) =>
    t.groupCount(t.groupsInline[g], unit.groups[g].length),
  );
  return t.unitCounts(unit.total, parts);
}

/** Tasks with more than one responsible unit: listed once, not under each unit. */
export function sharedTaskIds(s: Summary): Set<number> {
  return new Set(s.tasks.filter((x) => x.parts.length > 1).map((x) => x.task.id));
}

function unitBlock(unit: UnitSummary, index: number, today: string, shared: Set<number>): string {
  const lines = [`${index + 1}. ${unit.name}`];
  if (unit.total === 0) return [...lines, t.noTasks].join("\n");
  lines.push(unitCountsLine(unit));
  for (const group of SUMMARY_GROUPS) {
    const own = unit.groups[group].filter((p) => !shared.has(p.taskId));
    if (own.length === 0) continue;
    lines.push(`• ${t.groupHeading(t.groups[group], own.length)}`);
    lines.push(...own.map((part) => partLine(part, group, today)));
  }
  const sharedCount = unit.total - SUMMARY_GROUPS.reduce((n, g) => n + unit.groups[g].filter((p) => !shared.has(p.taskId)).length, 0);
  if (sharedCount > 0) lines.push(t.sharedPartsNote(sharedCount));
  return lines.join("\n");
}

function sharedTaskLines(item: TaskSummary, index: number, today: string): string[] {
  const first = item.parts[0]!.part;
  const lines = [`${index + 1}. ${shorten(oneLine(first.content), MAX_TEXT)} (${t.deadline(formatDay(item.task.deadline), item.task.deadlineStated)})`];
  for (const { part, unitName, group } of item.parts) {
    const { timing, note } = describePart(part, group, today);
    const state = [t.groupsInline[group], ...timing].join(", ");
    lines.push(`   ${unitName}: ${state}${note === null ? "" : ` — ${shorten(note, MAX_TEXT)}`}`);
  }
  return lines;
}

function sharedBlock(s: Summary): string | null {
  const shared = s.tasks.filter((x) => x.parts.length > 1);
  if (shared.length === 0) return null;
  return [t.sharedHeading(shared.length), ...shared.flatMap((x, i) => sharedTaskLines(x, i, s.today))].join("\n");
}

function totalsBlock(s: Summary): string {
  if (s.total === 0) return [t.totalsHeading, t.noTasksAtAll].join("\n");
  const done = s.totals.doneOnTime + s.totals.doneLate;
  return [
    t.totalsHeading,
    t.totalsSentence(s.total, s.parts, s.units.length),
    ...SUMMARY_GROUPS.map((g) => `  – ${t.totalsLine(t.groups[g], s.totals[g])}`),
    t.completionRate(done, s.total),
  ].join("\n");
}

function overdueBlock(s: Summary): string {
  if (s.overdueList.length === 0) return [t.overdueHeading, t.noOverdue].join("\n");
  const lines = s.overdueList.map(({ task, unitNames, daysOverdue }, i) => {
    const when = [t.deadline(formatDay(task.deadline), task.deadlineStated), t.overdueDays(daysOverdue)].join(", ");
    return `${i + 1}. ${unitNames.join(", ")}: ${shorten(oneLine(task.content), MAX_TEXT)} (${when})`;
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
  const shared = sharedTaskIds(summary);
  const units = summary.units.map((unit, i) => unitBlock(unit, i, summary.today, shared));
  return [heading, ...units, sharedBlock(summary), totalsBlock(summary), overdueBlock(summary)].filter((b) => b !== null).join("\n\n");
}
