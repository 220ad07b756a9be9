// Unit buttons, a page at a time: for choosing a unit, or for setting each unit's part in a task.
import { Markup } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import type { UnitInfo } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";

/** Units a page shows: two rows of three. */
export const UNITS_PER_PAGE = 6;

/**
 * A page of unit buttons: `label` names each, `press(i)` is the callback data of unit i (its index
 * in `units`), `turn(page)` that of a page button.
 */
export function unitRows(units: UnitInfo[], page: number, label: (u: UnitInfo) => string, press: (index: number) => string, turn: (page: number) => string): InlineKeyboardButton[][] {
  const shown = units.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE);
  const rows = [shown.slice(0, 3), shown.slice(3)].filter((r) => r.length).map((r) => r.map((u) => Markup.button.callback(label(u), press(units.indexOf(u)))));
  const pages = Math.ceil(units.length / UNITS_PER_PAGE);
  const pager: InlineKeyboardButton[] = [];
  if (page > 0) pager.push(Markup.button.callback(t.previousPage, turn(page - 1)));
  if (page < pages - 1) pager.push(Markup.button.callback(t.nextPage, turn(page + 1)));
  return pager.length ? [...rows, pager] : rows;
}
