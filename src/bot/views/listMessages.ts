// Task-list messages already sent (a reminder, a /tasks answer): which tasks they number, and how
// to redraw them after a status changes.
import type { ReminderReason } from "../../domain/reminders.js";
import { findReminderByMessage } from "../../db/deliveries.js";
import { findTasks, toView } from "../../db/tasks.js";
import { bot as t } from "../../messages/index.js";
import type { BotContext, ListRef } from "../context.js";
import { renderTaskList } from "./taskList.js";

const KEPT_LISTS = 10;

interface ListMessage {
  title: string;
  day: string;
  items: { number: number; taskId: number; reason?: ReminderReason }[];
}

export async function listOfMessage(ctx: BotContext, messageId: number): Promise<ListMessage | null> {
  const chatId = String(ctx.chat?.id);
  const reminder = await findReminderByMessage(ctx.app.db, chatId, messageId);
  if (reminder) {
    const unit = ctx.member?.unit?.name ?? "";
    return {
      title: t.reminderTitle(reminder.day, unit),
      day: reminder.day,
      items: reminder.tasks.map((x) => ({ number: x.number, taskId: x.taskId, reason: x.reason as ReminderReason })),
    };
  }
  const list = ctx.session.lists?.find((l) => l.messageId === messageId);
  if (!list) return null;
  return { title: list.title, day: ctx.app.today(), items: list.taskIds.map((taskId, i) => ({ number: i + 1, taskId })) };
}

export function rememberList(ctx: BotContext, ref: ListRef): void {
  ctx.session.lists = [...(ctx.session.lists ?? []), ref].slice(-KEPT_LISTS);
}

/** Redraws a list message with the tasks' current statuses (its buttons mark the new state). */
export async function refreshListMessage(ctx: BotContext, messageId: number): Promise<void> {
  const list = await listOfMessage(ctx, messageId);
  if (!list) return;
  const rows = new Map((await findTasks(ctx.app.db, { id: { in: list.items.map((i) => i.taskId) } })).map((r) => [r.id, toView(r)]));
  const items = list.items.flatMap((i) => {
    const task = rows.get(i.taskId);
    return task ? [{ number: i.number, task, reason: i.reason }] : [];
  });
  const { text, keyboard } = renderTaskList({ title: list.title, items, today: list.day, footer: t.tasksFooter });
  try {
    await ctx.telegram.editMessageText(ctx.chat!.id, messageId, undefined, text, keyboard);
  } catch (e) {
    // Pressing the state a task already has changes nothing on screen.
    if (!/not modified/i.test((e as Error).message)) throw e;
  }
}
