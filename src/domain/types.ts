// Plain data shared by the domain functions. Calendar days are "YYYY-MM-DD" strings in the
// department's time zone; months are "YYYY-MM".

export const ROLES = ["director", "deputy", "secretary", "unit_head"] as const;
export type Role = (typeof ROLES)[number];

export const TASK_STATUSES = ["open", "in_progress", "blocked", "done", "cancelled", "carried_over"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Still to be done: reminded, listed, carried over to the next cycle. */
export const OPEN_STATUSES: TaskStatus[] = ["open", "in_progress", "blocked"];
/** Out of the cycle: nothing can be recorded on them any more. */
export const isClosed = (status: string): boolean => status === "cancelled" || status === "carried_over";

/** A unit as the org file describes it. */
export interface UnitInfo {
  code: string;
  name: string;
  aliases: string[];
}

/** A task as read from a notice, before it is stored. */
export interface ParsedTask {
  units: string[];
  content: string;
  deadline: string;
  deadlineStated: boolean;
}

export interface ParsedNotice {
  notice: {
    number: string | null;
    issuedOn: string | null;
    meetingOn: string | null;
    month: string | null;
  };
  tasks: ParsedTask[];
  /** Headings or lines of the task part that could not be placed under a unit. */
  unplaced: string[];
}

/** What the reminder and summary logic needs to know about a stored task. */
export interface TaskView {
  id: number;
  unitCode: string;
  content: string;
  deadline: string;
  deadlineStated: boolean;
  status: TaskStatus;
  note: string | null;
  doneOn: string | null;
  /** Whether the unit ever sent a status for it (button, note or extension request). */
  reported: boolean;
}
