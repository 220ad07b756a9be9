// An import draft: what a notice was read into, corrected by the secretary before anything is
// stored. Every change is a pure function returning the new draft, or a code saying why not.
import { addDays } from "./calendar.js";
import { noticeDoubts } from "./notice/parse.js";
import type { DeadlineKind, NoticeFinding, ParsedNotice, Period, UnplacedLine } from "./types.js";

export interface DraftTask {
  content: string;
  /** Responsible unit codes. */
  lead: string[];
  /** Coordinating unit codes, never also in `lead`. */
  support: string[];
  deadline: string;
  deadlineStated: boolean;
  deadlineKind: DeadlineKind;
  source: string;
}

export interface Draft {
  notice: ParsedNotice["notice"] & { period: Period };
  tasks: DraftTask[];
  /** Lines the importer could not place and the secretary has not yet placed or dismissed. */
  unplaced: UnplacedLine[];
  /** Unfinished tasks of the cycle this notice closes that are closed as not done instead of carried over. */
  close?: number[];
  /** What makes the notice look like another body's: saving it needs an explicit confirmation. */
  doubts?: NoticeFinding[];
}

export type DraftChange =
  | { op: "place"; line: number; lead: string[] }
  | { op: "dismiss"; line: number }
  | { op: "units"; task: number; lead: string[]; support: string[] }
  | { op: "text"; task: number; content: string }
  | { op: "deadline"; task: number; deadline: string | null }
  | { op: "drop"; task: number }
  | { op: "add"; content: string; lead: string[] }
  | { op: "carry"; taskId: number; carry: boolean };

export type DraftRefusal = "no_such_task" | "no_such_line" | "no_lead_unit" | "unknown_unit" | "deadline_outside";

export const MAX_DRAFT_TEXT = 2000;

export function draftFromNotice(parsed: ParsedNotice & { notice: { period: Period } }): Draft {
  return {
    notice: parsed.notice,
    tasks: parsed.tasks.map((t) => ({
      content: t.content, lead: [...t.units], support: t.support.filter((c) => !t.units.includes(c)), deadline: t.deadline,
      deadlineStated: t.deadlineStated, deadlineKind: t.deadlineKind, source: t.source,
    })),
    unplaced: parsed.unplaced,
    doubts: noticeDoubts(parsed),
  };
}

/** The deadline a task with none stated gets: the period's end. */
export const defaultDeadline = (draft: Draft): string => draft.notice.period.end;

function withTask(draft: Draft, index: number, change: (t: DraftTask) => DraftTask): Draft | DraftRefusal {
  const task = draft.tasks[index];
  if (!task) return "no_such_task";
  return { ...draft, tasks: draft.tasks.map((t, i) => (i === index ? change(t) : t)) };
}

function newTask(draft: Draft, content: string, lead: string[], source: string): DraftTask {
  return { content, lead, support: [], deadline: defaultDeadline(draft), deadlineStated: false, deadlineKind: "default", source };
}

/**
 * Applies one correction. `units` are the department's codes: a task always keeps at least one
 * responsible unit, and a deadline stays within a year of the period (a typo, not a plan).
 */
export function applyChange(draft: Draft, change: DraftChange, units: readonly string[]): Draft | DraftRefusal {
  const known = (codes: string[]) => codes.every((c) => units.includes(c));
  switch (change.op) {
    case "place":
    case "dismiss": {
      const line = draft.unplaced[change.line];
      if (!line) return "no_such_line";
      const unplaced = draft.unplaced.filter((_, i) => i !== change.line);
      if (change.op === "dismiss") return { ...draft, unplaced };
      if (change.lead.length === 0) return "no_lead_unit";
      if (!known(change.lead)) return "unknown_unit";
      return { ...draft, unplaced, tasks: [...draft.tasks, newTask(draft, line.text, change.lead, "")] };
    }
    case "units":
      if (change.lead.length === 0) return "no_lead_unit";
      if (!known([...change.lead, ...change.support])) return "unknown_unit";
      return withTask(draft, change.task, (t) => ({ ...t, lead: change.lead, support: change.support.filter((c) => !change.lead.includes(c)) }));
    case "text":
      return withTask(draft, change.task, (t) => ({ ...t, content: change.content }));
    case "deadline": {
      const { deadline } = change;
      if (deadline !== null && (deadline < addDays(draft.notice.period.start, -366) || deadline > addDays(draft.notice.period.end, 366))) return "deadline_outside";
      return withTask(draft, change.task, (t) =>
        deadline === null
          ? { ...t, deadline: defaultDeadline(draft), deadlineStated: false, deadlineKind: "default" }
          : { ...t, deadline, deadlineStated: true, deadlineKind: "date" },
      );
    }
    case "drop":
      if (!draft.tasks[change.task]) return "no_such_task";
      return { ...draft, tasks: draft.tasks.filter((_, i) => i !== change.task) };
    case "carry": {
      const close = (draft.close ?? []).filter((id) => id !== change.taskId);
      return { ...draft, close: change.carry ? close : [...close, change.taskId] };
    }
    case "add":
      if (change.lead.length === 0) return "no_lead_unit";
      if (!known(change.lead)) return "unknown_unit";
      return { ...draft, tasks: [...draft.tasks, newTask(draft, change.content, change.lead, "")] };
  }
}

/** The draft as the storage takes a parsed notice: what is saved is exactly the draft. */
export function draftAsNotice(draft: Draft): ParsedNotice & { notice: { period: Period } } {
  return {
    notice: draft.notice,
    tasks: draft.tasks.map((t) => ({
      units: t.lead, support: t.support, content: t.content, deadline: t.deadline, deadlineStated: t.deadlineStated,
      deadlineKind: t.deadlineKind, recurring: null, source: t.source,
    })),
    unplaced: draft.unplaced,
    findings: [],
  };
}

/** A unit code's role in a task: what the units keyboard shows and cycles through. */
export function roleIn(task: Pick<DraftTask, "lead" | "support">, code: string): "lead" | "support" | null {
  return task.lead.includes(code) ? "lead" : task.support.includes(code) ? "support" : null;
}

/** The next role when the secretary presses a unit: none → responsible → coordinating → none. */
export function cycleRole(task: Pick<DraftTask, "lead" | "support">, code: string): Pick<DraftTask, "lead" | "support"> {
  const role = roleIn(task, code);
  const lead = task.lead.filter((c) => c !== code);
  const support = task.support.filter((c) => c !== code);
  if (role === null) return { lead: [...lead, code], support };
  if (role === "lead") return { lead, support: [...support, code] };
  return { lead, support };
}

