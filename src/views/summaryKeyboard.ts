// The summary's buttons: a status group's list, the unit picker, the .docx and the .xlsx; and the
// page buttons of the lists behind them. A payload names the cycle's month, so a button pressed
// later still opens the month it was sent for.
import type { Summary, SummaryGroup } from "../domain/summary/compile.js";
import { buttonGroups, type ListPage } from "../documents/report/message.js";
import { summary as t } from "../messages/vi/summary.js";
import { callbackData } from "./callbackData.js";
import type { CallbackButton, Keyboard } from "./partList.js";

/** view: units (picker), unit, group, docx, xlsx; edit 1 when the list message itself changes page. */
export const summaryData = callbackData("sm", { month: "int", view: "str", arg: "str", page: "int", edit: "int" });
export type SummaryView = "units" | "unit" | "group" | "docx" | "xlsx";

/** "2024-12" as 202412, the payload's month. */
export const monthNumber = (month: string): number => Number(month.replace("-", ""));
export const monthOfNumber = (n: number): string => `${String(n).slice(0, 4)}-${String(n).slice(4)}`;

const button = (text: string, month: string, view: SummaryView, arg = "_", page = 0, edit = 0): CallbackButton => ({
  text,
  callback_data: summaryData.pack({ month: monthNumber(month), view, arg, page, edit }),
});

/** Under the summary: the non-empty groups (at most six), then units, .docx, .xlsx. */
export function summaryKeyboard(s: Summary): Keyboard {
  const groups = buttonGroups(s).map((g) => button(t.buttons.group(t.icons[g], s.totals[g]), s.month, "group", g));
  const rows: CallbackButton[][] = [];
  for (let i = 0; i < groups.length; i += 3) rows.push(groups.slice(i, i + 3));
  rows.push([button(t.buttons.units, s.month, "units")]);
  rows.push([button(t.buttons.docx, s.month, "docx"), button(t.buttons.xlsx, s.month, "xlsx")]);
  return { inline_keyboard: rows };
}

const UNITS_PER_PAGE = 6;

/** The unit picker: six units a page, two a row, with page buttons. */
export function unitPickerKeyboard(s: Summary, page: number): Keyboard {
  const pages = Math.max(1, Math.ceil(s.units.length / UNITS_PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const units = s.units.slice(p * UNITS_PER_PAGE, (p + 1) * UNITS_PER_PAGE).map((u) => button(t.buttons.unit(u.code, u.total), s.month, "unit", u.code));
  const rows: CallbackButton[][] = [];
  for (let i = 0; i < units.length; i += 2) rows.push(units.slice(i, i + 2));
  rows.push(...navRow(s.month, "units", "_", p, pages));
  return { inline_keyboard: rows };
}

function navRow(month: string, view: SummaryView, arg: string, page: number, pages: number): CallbackButton[][] {
  const nav = [
    ...(page > 0 ? [button(t.buttons.prev, month, view, arg, page - 1, 1)] : []),
    ...(page < pages - 1 ? [button(t.buttons.next, month, view, arg, page + 1, 1)] : []),
  ];
  return nav.length ? [nav] : [];
}

/** Page buttons under a unit's or a group's list. */
export const listKeyboard = (month: string, view: "unit" | "group", arg: string | SummaryGroup, list: ListPage): Keyboard => ({
  inline_keyboard: navRow(month, view, arg, list.page, list.pages),
});
