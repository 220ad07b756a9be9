// A numbered list of tasks with status buttons: a unit's reminder or a /tasks answer.
import { Markup } from "telegraf";
import { daysBetween } from "../../domain/calendar.js";
import type { ReminderReason } from "../../domain/reminders.js";
import type { TaskView } from "../../domain/types.js";
import { bot as t, tasks as taskText } from "../../messages/index.js";
import { statusRows } from "../keyboards/status.js";

export interface ListItem {
  number: number;
  task: TaskView;
  reason?: ReminderReason;
}

// Telegram allows 4096 characters a message; keep room for the title and footer.
const TEXT_BUDGET = 3900;
/** Four buttons a task; Telegram refuses keyboards of more than 100 buttons. */
export const MAX_ITEMS = 24;

function reasonText(item: ListItem, today: string): string {
  if (!item.reason) return "";
  const days = Math.abs(daysBetween(today, item.task.deadline));
  return `${t.reminderReason[item.reason](days)}\n`;
}

/** The message text and keyboard; long contents are shortened until the text fits. */
export function renderTaskList(input: { title: string; items: ListItem[]; today: string; footer: string; more?: number }) {
  const { title, items, today, footer } = input;
  const more = input.more ? `\n${t.reminderMore(input.more)}` : "";
  let text = "";
  for (const max of [300, 200, 120, 70, 40]) {
    const body = items.map((i) => reasonText(i, today) + taskText.line(i.task, i.number, max)).join("\n\n");
    text = `${title}\n\n${body}${more}\n\n${footer}`;
    if (text.length <= TEXT_BUDGET) break;
  }
  const keyboard = Markup.inlineKeyboard(statusRows(items.map((i) => ({ number: i.number, taskId: i.task.id, status: i.task.status }))));
  return { text, keyboard };
}
