// Texts about tasks: statuses, one-line descriptions, lists.
import { formatDay } from "../../domain/calendar.js";
import { shorten } from "../../domain/text.js";
import type { TaskStatus, TaskView } from "../../domain/types.js";

export const statusLabel: Record<TaskStatus, string> = {
  open: "chưa báo cáo",
  in_progress: "đang thực hiện",
  blocked: "vướng mắc",
  done: "đã hoàn thành",
  cancelled: "đã hủy",
  carried_over: "đã chuyển sang kỳ sau",
};

const statusIcon: Record<TaskStatus, string> = {
  open: "▫️",
  in_progress: "⏳",
  blocked: "⚠️",
  done: "✅",
  cancelled: "✖️",
  carried_over: "↪️",
};

export const tasks = {
  deadline: (t: Pick<TaskView, "deadline" | "deadlineStated">) =>
    t.deadlineStated ? `hạn ${formatDay(t.deadline)}` : `hạn ${formatDay(t.deadline)} (mặc định cuối kỳ)`,
  /** "3. ⏳ [#12] <content> — hạn 25/12/2024 · đang thực hiện" */
  line(t: TaskView, number: number, maxContent = 300): string {
    const note = t.note ? `\n   Ghi chú: ${shorten(t.note, 200)}` : "";
    return `${number}. ${statusIcon[t.status]} [#${t.id}] ${shorten(t.content, maxContent)}\n   ${tasks.deadline(t)} · ${statusLabel[t.status]}${note}`;
  },
  unitHeading: (name: string, code: string, n: number) => `${name} (${code}) — ${n} nhiệm vụ`,
  none: "Không có nhiệm vụ nào đang mở.",
} as const;
