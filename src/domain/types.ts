// Plain data shared by the domain functions. Calendar days are "YYYY-MM-DD" strings in the
// department's time zone; months are "YYYY-MM".

export const ROLES = ["director", "deputy", "secretary", "unit_head"] as const;
export type Role = (typeof ROLES)[number];

export const PART_ROLES = ["lead", "support"] as const;
/** A unit's part in a task: responsible (chủ trì) or coordinating (phối hợp). */
export type PartRole = (typeof PART_ROLES)[number];

export const PART_STATUSES = ["open", "in_progress", "blocked", "done", "cancelled", "carried_over"] as const;
/** The progress of a unit's part (and, derived from its responsible parts, of a task). */
export type PartStatus = (typeof PART_STATUSES)[number];
/** Still to be done: reminded, listed, carried over to the next cycle. */
export const OPEN_STATUSES: PartStatus[] = ["open", "in_progress", "blocked"];
/** Out of the cycle: nothing can be recorded on them any more. */
export const isClosed = (status: PartStatus): boolean => status === "cancelled" || status === "carried_over";

/** A unit as the org file describes it. */
export interface UnitInfo {
  code: string;
  name: string;
  aliases: string[];
}

export type DeadlineKind = "date" | "month" | "quarter" | "next_briefing" | "recurring" | "relative" | "default";
export type PeriodKind = "month" | "week" | "quarter";
/** A briefing period, days inclusive, "YYYY-MM-DD". */
export interface Period {
  kind: PeriodKind;
  start: string;
  end: string;
}

/** A task as read from a notice, before it is stored. */
export interface ParsedTask {
  /** Responsible (chủ trì) unit codes; every unit for a common task ("Các phòng, đơn vị …"). */
  units: string[];
  /** Coordinating (phối hợp) unit codes; never also in `units`. */
  support: string[];
  content: string;
  /** "YYYY-MM-DD": the stated deadline, or the default (next briefing when known, else the period's end). */
  deadline: string;
  /** False only when deadlineKind is "default" (nothing stated). */
  deadlineStated: boolean;
  deadlineKind: DeadlineKind;
  /** "trước ngày 20 hằng tháng": { dayOfMonth: 20 }, deadline = next occurrence; else null. */
  recurring: { dayOfMonth: number } | null;
  /** Where in the outline, e.g. "2.(3)" for the seed, "II.2.a" for a deeper one. */
  source: string;
}

/** A line of the notice that became no task, as written, with the units it names. */
export interface UnplacedLine {
  text: string;
  suggestedUnits: string[];
}

/** What the importer noticed, as codes and data: src/messages turns them into Vietnamese. */
export type NoticeFinding =
  | { code: "invalid_date"; date: string; text: string }
  /** The task starts on or after `after` ("sau Tết", "từ ngày …") but states no deadline, and the default falls before. */
  | { code: "starts_after_deadline"; after: string; deadline: string; text: string }
  | { code: "no_period" }
  | { code: "no_task_part" }
  | { code: "other_issuer"; issuer: string | null; number: string | null }
  | { code: "units_unmatched"; headings: string[] };

export interface ParsedNotice {
  notice: {
    number: string | null;
    issuedOn: string | null;
    meetingOn: string | null;
    /** "YYYY-MM" of the period's start (kept for compatibility). */
    month: string | null;
    period: Period | null;
    /** The issuing body as the header names it, or null. */
    issuer: string | null;
  };
  tasks: ParsedTask[];
  /** Lines of the notice's body that became no task (headings excepted), in order. */
  unplaced: UnplacedLine[];
  /** Everything worth a word to the secretary, doubts included (see noticeDoubts). */
  findings: NoticeFinding[];
}

/** What the reminder, list and summary logic needs to know about a unit's part of a stored task. */
export interface PartView {
  /** The part's id. */
  id: number;
  taskId: number;
  unitCode: string;
  role: PartRole;
  content: string;
  /** This unit's deadline (later than the task's after an approved extension). */
  deadline: string;
  deadlineStated: boolean;
  status: PartStatus;
  note: string | null;
  doneOn: string | null;
  /** Whether the unit ever sent a status for it (button, note or extension request). */
  reported: boolean;
}

/** A stored task with every unit's part. */
export interface TaskView {
  id: number;
  content: string;
  deadline: string;
  deadlineStated: boolean;
  parts: PartView[];
}
