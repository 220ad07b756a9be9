// A unit's numbered list of task parts (a reminder, a /tasks answer), one page at a time: a compact
// line per task, one row of number buttons that open a task's card, and the page buttons. The list
// itself never changes when a status is reported: the card does. Plain Telegram keyboards, so the
// bot's answers and the outbox build the same message.
import type { ReminderReason } from "../domain/reminders.js";
import type { PartView } from "../domain/types.js";
import { bot as t, tasks as taskText } from "../messages/index.js";
import { listPageData, openPartData } from "./callbackData.js";

/** A button that sends callback data, as Telegram's JSON has it: what every view's keyboard holds. */
export interface CallbackButton {
  text: string;
  callback_data: string;
}

export interface Keyboard {
  inline_keyboard: CallbackButton[][];
}

/** Tasks a page shows: one row of number buttons that fits a phone. */
export const PAGE_SIZE = 8;

/** Which list a page button turns: a reminder (found from the message itself) or a unit's /tasks (its unit). */
export type ListKey = { kind: "reminder" | "unit"; id: number };

export interface ListItem {
  number: number;
  part: PartView;
  reason?: ReminderReason;
}

export const pageCount = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));

const button = (text: string, callback_data: string): CallbackButton => ({ text, callback_data });

/** The text and keyboard of page `page` (0-based) of a list of `total` items (`items`: all of them, or that page's when `total` is given). */
export function renderPartList(input: { title: string; items: ListItem[]; total?: number; today: string; page: number; list: ListKey }): { text: string; keyboard: Keyboard; shown: ListItem[] } {
  const { title, items, today, page, list } = input;
  const pages = pageCount(input.total ?? items.length);
  const shown = input.total === undefined ? items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) : items;
  const body = shown.map((i) => taskText.compactLine(i.part, i.number, today, i.reason)).join("\n");
  const footer = pages > 1 ? `${t.pageOf(page + 1, pages)}\n${t.listFooter}` : t.listFooter;
  const numbers = shown.map((i) => button(String(i.number), openPartData.pack({ partId: i.part.id })));
  const pager: CallbackButton[] = [];
  if (page > 0) pager.push(button(t.previousPage, listPageData.pack({ kind: list.kind, id: list.id, page: page - 1 })));
  if (page < pages - 1) pager.push(button(t.nextPage, listPageData.pack({ kind: list.kind, id: list.id, page: page + 1 })));
  return { text: `${title}\n\n${body}\n\n${footer}`, keyboard: { inline_keyboard: [numbers, ...(pager.length ? [pager] : [])] }, shown };
}
