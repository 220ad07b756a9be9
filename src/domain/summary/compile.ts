// The briefing summary: every responsible unit's part of the cycle's tasks sorted into exactly one
// group per unit, and every task, once, into the group its parts together give it.
import { daysBetween } from "../calendar.js";
import { leadParts, taskStatus } from "../tasks.js";
import type { PartView, TaskView, UnitInfo } from "../types.js";

/** Groups in the order the briefing report lists them. */
export const SUMMARY_GROUPS = ["doneOnTime", "doneLate", "inProgress", "overdue", "blocked", "notReported"] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

export type GroupCounts = Record<SummaryGroup, number>;

export interface UnitSummary {
  code: string;
  name: string;
  /** The unit's responsible parts, by group. */
  groups: Record<SummaryGroup, PartView[]>;
  /** Parts counted for the unit (cancelled and carried-over ones are not). */
  total: number;
}

/** A counted task with the group of the whole and of each responsible unit's part. */
export interface TaskSummary {
  task: TaskView;
  group: SummaryGroup;
  parts: { part: PartView; unitName: string; group: SummaryGroup }[];
}

export interface OverdueItem {
  task: TaskView;
  /** The names of the units whose parts are overdue. */
  unitNames: string[];
  daysOverdue: number;
}

/** A blocked task with the parts that block it. */
export interface BlockedItem {
  task: TaskView;
  parts: { part: PartView; unitName: string }[];
}

export interface Summary {
  month: string;
  today: string;
  units: UnitSummary[];
  /** Tasks by group, each task once. */
  totals: GroupCounts;
  total: number;
  /** Responsible parts counted over all units. */
  parts: number;
  tasks: TaskSummary[];
  /** Overdue tasks, most overdue first. */
  overdueList: OverdueItem[];
  /** Blocked tasks, in the cycle's order. */
  blockedList: BlockedItem[];
  /** How many units the department has when the summary covers only some (a deputy's); else null. */
  departmentUnits: number | null;
}

export interface SummaryInput {
  month: string;
  today: string;
  units: UnitInfo[];
  tasks: TaskView[];
  /** Set when `units` (and `tasks`) are only some of the department's: the reader is told so. */
  departmentUnits?: number;
}

/** The group a unit's part belongs to on `today`, or null when it does not count (cancelled, carried over). */
export function classifyPart(part: Pick<PartView, "status" | "deadline" | "doneOn" | "reported">, today: string): SummaryGroup | null {
  switch (part.status) {
    case "cancelled":
    case "carried_over":
      return null;
    case "done":
      // A done part without a recorded day gives no evidence of lateness.
      return part.doneOn !== null && part.doneOn > part.deadline ? "doneLate" : "doneOnTime";
    case "blocked":
      // Blocked wins over overdue even past the deadline: the reader needs the reason, and the
      // renderers still show how late it is.
      return "blocked";
    case "open":
    case "in_progress":
      if (part.deadline < today) return "overdue";
      // An open part the unit did report on (a note, an extension request) is being worked on.
      return part.status === "open" && !part.reported ? "notReported" : "inProgress";
  }
}

/** The group of a whole task: from its parts' groups, the one that most needs the reader. */
export function classifyTask(task: TaskView, today: string): SummaryGroup | null {
  const status = taskStatus(task);
  if (status === "cancelled" || status === "carried_over") return null;
  const groups = new Set(leadParts(task).map((p) => classifyPart(p, today)));
  for (const g of ["blocked", "overdue", "inProgress", "notReported", "doneLate"] as const) if (groups.has(g)) return g;
  return "doneOnTime";
}

function zeroCounts(): GroupCounts {
  return { doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, blocked: 0, notReported: 0 };
}

/** How many parts a unit has in each group. */
export function groupCounts(unit: UnitSummary): GroupCounts {
  const counts = zeroCounts();
  for (const g of SUMMARY_GROUPS) counts[g] = unit.groups[g].length;
  return counts;
}

function emptyGroups(): Record<SummaryGroup, PartView[]> {
  return { doneOnTime: [], doneLate: [], inProgress: [], overdue: [], blocked: [], notReported: [] };
}

/** Known units in their order, then any unit code a part names that the list lacks (never drop a part). */
function unitsOf(units: UnitInfo[], tasks: TaskView[]): UnitSummary[] {
  const result = units.map((u) => ({ code: u.code, name: u.name, groups: emptyGroups(), total: 0 }));
  const known = new Set(units.map((u) => u.code));
  for (const part of tasks.flatMap(leadParts)) {
    if (known.has(part.unitCode)) continue;
    known.add(part.unitCode);
    result.push({ code: part.unitCode, name: part.unitCode, groups: emptyGroups(), total: 0 });
  }
  return result;
}

export function compileSummary(input: SummaryInput): Summary {
  const { month, today } = input;
  const units = unitsOf(input.units, input.tasks);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const totals = zeroCounts();
  const tasks: TaskSummary[] = [];
  const overdueList: OverdueItem[] = [];
  const blockedList: BlockedItem[] = [];
  let parts = 0;
  for (const task of input.tasks) {
    const group = classifyTask(task, today);
    if (group === null) continue;
    totals[group]++;
    const summary: TaskSummary = { task, group, parts: [] };
    for (const part of leadParts(task)) {
      const partGroup = classifyPart(part, today);
      const unit = byCode.get(part.unitCode)!;
      if (partGroup === null) continue;
      unit.groups[partGroup].push(part);
      unit.total++;
      parts++;
      summary.parts.push({ part, unitName: unit.name, group: partGroup });
    }
    tasks.push(summary);
    if (group === "overdue") {
      const late = summary.parts.filter((p) => p.group === "overdue");
      const daysOverdue = Math.max(...late.map((p) => daysBetween(p.part.deadline, today)));
      overdueList.push({ task, unitNames: late.map((p) => p.unitName), daysOverdue });
    }
    if (group === "blocked") blockedList.push({ task, parts: summary.parts.filter((p) => p.group === "blocked") });
  }
  // Stable sort: equally late tasks keep the cycle's order.
  overdueList.sort((a, b) => b.daysOverdue - a.daysOverdue);
  const total = tasks.length;
  return { month, today, units, totals, total, parts, tasks, overdueList, blockedList, departmentUnits: input.departmentUnits ?? null };
}

/** A part whose deadline was moved past the task's by an approved extension. */
export const isExtended = (part: PartView, task: TaskView): boolean => part.deadline > task.deadline;

/** Days `part` is past its deadline on `today` while unfinished, else 0. */
export function daysLate(part: PartView, today: string): number {
  const unfinished = part.status === "open" || part.status === "in_progress" || part.status === "blocked";
  return unfinished && part.deadline < today ? daysBetween(part.deadline, today) : 0;
}

/** Done tasks (on time or late) and unfinished ones: the two halves of the report's totals. */
export function doneAndOpen(totals: GroupCounts): { done: number; open: number } {
  const done = totals.doneOnTime + totals.doneLate;
  return { done, open: totals.inProgress + totals.overdue + totals.blocked + totals.notReported };
}

/**
 * What one reader gets: the whole department, or only `unitCodes` (a deputy's units) with the
 * tasks they take part in, their parts and totals, said to be part of the department's.
 */
export function compileSummaryFor(input: SummaryInput, unitCodes: string[] | null): Summary {
  if (!unitCodes) return compileSummary(input);
  const mine = (p: PartView) => unitCodes.includes(p.unitCode);
  return compileSummary({
    ...input,
    units: input.units.filter((u) => unitCodes.includes(u.code)),
    tasks: input.tasks.filter((t) => leadParts(t).some(mine)).map((t) => ({ ...t, parts: t.parts.filter(mine) })),
    departmentUnits: input.units.length,
  });
}
