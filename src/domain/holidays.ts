// Vietnam's public holidays (Bộ luật Lao động 2019, Điều 112) without configuration: the solar ones,
// Tết and Giỗ Tổ Hùng Vương from the lunar calendar (date-holidays), both National Day days, and a
// day off in lieu when a holiday falls on a weekly rest day. Each year's official swaps and extra
// days off come on top, from the org file.
import Holidays from "date-holidays";
import { addDays, weekday } from "./calendar.js";

const vietnam = new Holidays("VN", { timezone: "Asia/Ho_Chi_Minh", types: ["public"] });
const cache = new Map<number, ReadonlySet<string>>();

/** The calendar days from `start` (inclusive) to `end` (exclusive), as date-holidays spans them. */
function spanDays(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = start; d < end; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * The second National Day day is 1/9 or 3/9, whichever joins 2/9 to a weekend (the government
 * names it each year; the org file's calendar corrects a year that differs).
 */
function secondNationalDay(year: number): string {
  const day = weekday(`${year}-09-02`);
  return [1, 4, 7].includes(day) ? `${year}-09-03` : `${year}-09-01`;
}

/** The days a holiday lands on a weekly rest day are given back on the next working days. */
function daysInLieu(holidays: Set<string>, restDays: ReadonlySet<number>): string[] {
  const given: string[] = [];
  for (const day of [...holidays].sort()) {
    if (!restDays.has(weekday(day))) continue;
    let next = addDays(day, 1);
    while (restDays.has(weekday(next)) || holidays.has(next) || given.includes(next)) next = addDays(next, 1);
    given.push(next);
  }
  return given;
}

/** Vietnam's public holidays of `year` (days off in lieu included), as "YYYY-MM-DD". */
export function vietnamHolidays(year: number, restDays: ReadonlySet<number> = new Set([6, 7])): ReadonlySet<string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const days = new Set<string>();
  // Tết is one entry spanning its five days.
  for (const h of vietnam.getHolidays(year)) for (const d of spanDays(localDay(h.start), localDay(h.end))) days.add(d);
  days.add(secondNationalDay(year));
  for (const d of daysInLieu(days, restDays)) days.add(d);
  cache.set(year, days);
  return days;
}

/** The first day of Tết Nguyên đán (mùng 1 tháng Giêng) in `year`, from the same lunar calendar. */
export function lunarNewYear(year: number): string {
  const tet = vietnam.getHolidays(year).find((h) => h.rule === "vietnamese 1-0-1")!;
  return localDay(tet.start);
}

/** The day an instant falls on in Vietnam (UTC+7, no daylight saving). */
function localDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
