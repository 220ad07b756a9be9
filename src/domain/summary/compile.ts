// The monthly briefing summary: every task of the cycle sorted into exactly one group per unit.
import { daysBetween } from "../calendar.js";
import type { TaskView, UnitInfo } from "../types.js";

/** Groups in the order the briefing report lists them. */
export const SUMMARY_GROUPS = ["doneOnTime", "doneLate", "inProgress", "overdue", "blocked", "notReported"] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

export type GroupCounts = Record<SummaryGroup, number>;

export interface UnitSummary {
  code: string;
  name: string;
  groups: Record<SummaryGroup, TaskView[]>;
  /** Tasks counted for the unit (cancelled and carried-over ones are not). */
  total: number;
}

export interface OverdueItem {
  task: TaskView;
  unitCode: string;
  unitName: string;
  daysOverdue: number;
}

export interface Summary {
  month: string;
  today: string;
  units: UnitSummary[];
  totals: GroupCounts;
  total: number;
  /** Overdue tasks of all units, most overdue first. */
  overdueList: OverdueItem[];
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

/** The group a task belongs to on `today`, or null when it does not count (cancelled, carried over). */
export function classifyTask(task: TaskView, today: string): SummaryGroup | null {
  switch (task.status) {
    case "cancelled":
    case "carried_over":
      return null;
    case "done":
      // A done task without a recorded day gives no evidence of lateness.
      return task.doneOn !== null && task.doneOn > task.deadline ? "doneLate" : "doneOnTime";
    case "blocked":
      // Blocked wins over overdue even past the deadline: the reader needs the reason, and the
      // renderers still show how late it is.
      return "blocked";
    case "open":
    case "in_progress":
      if (task.deadline < today) return "overdue";
      // An open task the unit did report on (a note, an extension request) is being worked on.
      return task.status === "open" && !task.reported ? "notReported" : "inProgress";
  }
}

/** How many tasks a unit has in each group. */
export function groupCounts(unit: UnitSummary): GroupCounts {
  const counts = zeroCounts();
  for (const g of SUMMARY_GROUPS) counts[g] = unit.groups[g].length;
  return counts;
}

function emptyGroups(): Record<SummaryGroup, TaskView[]> {
  return { doneOnTime: [], doneLate: [], inProgress: [], overdue: [], blocked: [], notReported: [] };
}

function zeroCounts(): GroupCounts {
  return { doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, blocked: 0, notReported: 0 };
}

/** Known units in their order, then any unit code a task names that the list lacks (never drop a task). */
function unitsOf(units: UnitInfo[], tasks: TaskView[]): UnitSummary[] {
  const result = units.map((u) => ({ code: u.code, name: u.name, groups: emptyGroups(), total: 0 }));
  for (const task of tasks) {
    if (!result.some((u) => u.code === task.unitCode)) {
      result.push({ code: task.unitCode, name: task.unitCode, groups: emptyGroups(), total: 0 });
    }
  }
  return result;
}

export function compileSummary(input: SummaryInput): Summary {
  const { month, today, tasks } = input;
  const units = unitsOf(input.units, tasks);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const totals = zeroCounts();
  const overdueList: OverdueItem[] = [];
  for (const task of tasks) {
    const group = classifyTask(task, today);
    const unit = byCode.get(task.unitCode);
    if (group === null || unit === undefined) continue;
    unit.groups[group].push(task);
    unit.total++;
    totals[group]++;
    if (group === "overdue") {
      overdueList.push({ task, unitCode: unit.code, unitName: unit.name, daysOverdue: daysBetween(task.deadline, today) });
    }
  }
  // Stable sort: equally late tasks keep the units' order.
  overdueList.sort((a, b) => b.daysOverdue - a.daysOverdue);
  const total = SUMMARY_GROUPS.reduce((sum, g) => sum + totals[g], 0);
  return { month, today, units, totals, total, overdueList, departmentUnits: input.departmentUnits ?? null };
}

/**
 * What one reader gets: the whole department, or only `unitCodes` (a deputy's units) with their
 * tasks and totals, said to be part of the department's.
 */
export function compileSummaryFor(input: SummaryInput, unitCodes: string[] | null): Summary {
  if (!unitCodes) return compileSummary(input);
  return compileSummary({
    ...input,
    units: input.units.filter((u) => unitCodes.includes(u.code)),
    tasks: input.tasks.filter((t) => unitCodes.includes(t.unitCode)),
    departmentUnits: input.units.length,
  });
}
