import { Markup } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import type { TaskStatus } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import { statusData } from "../callback-data/index.js";

const ACTIONS = [
  { action: "d", label: t.buttons.done, status: "done" },
  { action: "p", label: t.buttons.progress, status: "in_progress" },
  { action: "b", label: t.buttons.blocked, status: "blocked" },
  { action: "e", label: t.buttons.extend, status: null },
] as const;

/** One row per task: its number and the four status buttons, the current status marked with •. */
export function statusRows(items: { number: number; taskId: number; status: TaskStatus }[]): InlineKeyboardButton[][] {
  return items.map(({ number, taskId, status }) =>
    ACTIONS.map((a) => Markup.button.callback(`${number} ${a.status === status ? "• " : ""}${a.label}`, statusData.pack({ taskId, action: a.action }))),
  );
}

export const STATUS_OF_ACTION: Record<string, TaskStatus | "extend"> = { d: "done", p: "in_progress", b: "blocked", e: "extend" };
