// A task's state, derived from its units' parts: only the responsible (lead) parts count.
import { type PartStatus, type PartView, type TaskView } from "./types.js";

export const leadParts = (task: Pick<TaskView, "parts">): PartView[] => task.parts.filter((p) => p.role === "lead");

/**
 * Done when every responsible unit that still has the task is done; blocked when any is; in
 * progress when any has started; cancelled or carried over only when all of them are.
 */
export function taskStatus(task: Pick<TaskView, "parts">): PartStatus {
  const statuses = leadParts(task).map((p) => p.status);
  const active = statuses.filter((s) => s !== "cancelled" && s !== "carried_over");
  if (active.length === 0) return statuses.includes("carried_over") ? "carried_over" : "cancelled";
  if (active.every((s) => s === "done")) return "done";
  if (active.includes("blocked")) return "blocked";
  return active.some((s) => s === "in_progress" || s === "done") ? "in_progress" : "open";
}

/** Whether any responsible unit is past its deadline with the part unfinished on `today`. */
export function isOverdue(task: Pick<TaskView, "parts">, today: string): boolean {
  return leadParts(task).some((p) => (p.status === "open" || p.status === "in_progress" || p.status === "blocked") && p.deadline < today);
}
