// Calendar days in the department's time zone. Days are "YYYY-MM-DD" strings so that a deadline
// means the same day wherever the server runs.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import timezone from "dayjs/plugin/timezone.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day it is at `instant` in `tz`. */
export function dayIn(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format("YYYY-MM-DD");
}

/** Hour (0-23) at `instant` in `tz`. */
export function hourIn(instant: Date, tz: string): number {
  return dayjs(instant).tz(tz).hour();
}

/** A real calendar date from its parts, or null (31/02 is not one). */
export function makeDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** "25/12/2024" (also 25-12-2024, 25.12.2024, 5/1/2025) to "2024-12-25", or null if no such day. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  return makeDay(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** "2024-12-25" to "25/12/2024". */
export function formatDay(day: string): string {
  const m = ISO_DAY.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** "2024-12" to "12/2024". */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-");
  return `${m}/${y}`;
}

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(day: string): number {
  return toUtc(day).getUTCDay() || 7;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function nextMonth(month: string): string {
  return monthOf(addDays(lastDayOfMonth(month), 1));
}

/** Days the calendar is told about on top of the weekdays: public holidays and each year's swaps. */
export interface CalendarChanges {
  /** Days off: holidays, extra days off. */
  daysOff?: Iterable<string>;
  /** Days worked although a weekend or holiday (a swapped Saturday). */
  workingDays?: Iterable<string>;
  /** A year's public holidays, when the calendar should know them (Vietnam's by default in the app). */
  publicHolidays?: (year: number) => ReadonlySet<string>;
}

/** Working days: the configured weekdays, less public holidays and days off, plus swapped working days. */
export class WorkCalendar {
  private readonly daysOff: ReadonlySet<string>;
  private readonly workingDays: ReadonlySet<string>;

  constructor(
    private readonly workdays: ReadonlySet<number>,
    private readonly changes: CalendarChanges = {},
  ) {
    this.daysOff = new Set(changes.daysOff ?? []);
    this.workingDays = new Set(changes.workingDays ?? []);
  }

  isWorkingDay(day: string): boolean {
    if (this.workingDays.has(day)) return true;
    if (this.daysOff.has(day) || this.changes.publicHolidays?.(Number(day.slice(0, 4))).has(day)) return false;
    return this.workdays.has(weekday(day));
  }

  /** Working days after `from` up to and including `to` (0 when to <= from). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  /** The `n`th working day after `day` ("trong 05 ngày làm việc" from the day a notice is issued). */
  workingDaysAfter(day: string, n: number): string {
    let d = day;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** The working day `n` working days before `day` (n = 0: the last working day on or before it). */
  workingDaysBefore(day: string, n: number): string {
    let d = day;
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}

/** An instant as "dd/mm/yyyy HH:mm" in `tz`. */
export function formatDateTime(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format("DD/MM/YYYY HH:mm");
}

/** The last day of `month`'s quarter ("2025-08" → "2025-09-30"). */
export function lastDayOfQuarter(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return lastDayOfMonth(`${y}-${String(Math.ceil(m / 3) * 3).padStart(2, "0")}`);
}
