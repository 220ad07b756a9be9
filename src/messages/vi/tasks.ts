// Texts about tasks: statuses, one-line descriptions, lists and a task's card.
import { daysBetween, formatDay } from "../../domain/calendar.js";
import type { ReminderReason } from "../../domain/reminders.js";
import { shorten } from "../../domain/text.js";
import { OPEN_STATUSES, type PartRole, type PartStatus, type PartView } from "../../domain/types.js";

export const statusLabel: Record<PartStatus, string> = {
  open: "chưa báo cáo",
  in_progress: "đang thực hiện",
  blocked: "vướng mắc",
  done: "đã hoàn thành",
  cancelled: "đã hủy",
  carried_over: "đã chuyển sang kỳ sau",
};

export const statusIcon: Record<PartStatus, string> = {
  open: "▫️",
  in_progress: "⏳",
  blocked: "⚠️",
  done: "✅",
  cancelled: "✖️",
  carried_over: "↪️",
};

export const roleLabel: Record<PartRole, string> = { lead: "chủ trì", support: "phối hợp" };

const deadline = (p: Pick<PartView, "deadline" | "deadlineStated">) =>
  p.deadlineStated ? `hạn ${formatDay(p.deadline)}` : `hạn ${formatDay(p.deadline)} (mặc định cuối kỳ)`;

/** "⛔ quá hạn 3 ngày" for an unfinished part past its deadline, everywhere a part is shown. */
function lateness(p: Pick<PartView, "deadline" | "status">, today: string): string | null {
  if (!OPEN_STATUSES.includes(p.status) || p.deadline >= today) return null;
  return `⛔ quá hạn ${daysBetween(p.deadline, today)} ngày`;
}

const reasonText: Record<ReminderReason, (days: number) => string> = {
  overdue: (days) => `⛔ quá hạn ${days} ngày`,
  due_today: () => "❗ đến hạn hôm nay",
  due_soon: (days) => `⏰ còn ${days} ngày`,
};

export const tasks = {
  deadline,
  /** "3. ⏳ #12 Tổ chức Hội đồng … — hạn 25/12/2024 · ⛔ quá hạn 2 ngày" */
  compactLine(p: PartView, number: number, today: string, reason?: ReminderReason): string {
    const when = reason ? reasonText[reason](Math.abs(daysBetween(today, p.deadline))) : (lateness(p, today) ?? deadline(p));
    const role = p.role === "support" ? ` (${roleLabel.support})` : "";
    return `${number}. ${statusIcon[p.status]} #${p.taskId}${role} ${shorten(p.content, 90)} — ${when}`;
  },
  /** A task's card for one unit's part: everything about it, and the other units' states. */
  card(p: PartView, unitName: string, today: string, others: { unitName: string; role: PartRole; status: PartStatus }[]): string {
    const late = lateness(p, today);
    const lines = [
      `#${p.taskId} · ${unitName} (${roleLabel[p.role]})`,
      p.content,
      `${deadline(p)}${late ? ` · ${late}` : ""}`,
      `Tình trạng: ${statusIcon[p.status]} ${statusLabel[p.status]}`,
    ];
    if (p.note) lines.push(`Ghi chú: ${shorten(p.note, 500)}`);
    if (others.length) lines.push(`Đơn vị khác: ${others.map((o) => `${o.unitName} ${o.role === "lead" ? statusIcon[o.status] : `(${roleLabel.support})`}`).join(", ")}`);
    return lines.join("\n");
  },
  unitHeading: (name: string, code: string, n: number) => `${name} (${code}) — ${n} nhiệm vụ`,
  none: "Không có nhiệm vụ nào đang mở.",
} as const;
