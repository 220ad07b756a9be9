// Cycles: from one briefing to the next. A cycle is known by its period: a month ("2024-12"), an
// ISO week ("2025-W30") or a quarter ("2025-Q3").
import { addDays, lastDayOfMonth, weekday } from "./calendar.js";
import type { Period } from "./types.js";

/** The period of a whole month. */
export function monthPeriod(month: string): Period {
  return { kind: "month", start: `${month}-01`, end: lastDayOfMonth(month) };
}

/** The ISO week-numbering year and week of a day. */
function isoWeek(day: string): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekday(day));
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(`${year}-01-04`, 4 - weekday(`${year}-01-04`));
  return { year, week: 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) };
}

/** The key that names a cycle: one notice per key. */
export function cycleKey(period: Period): string {
  if (period.kind === "month") return period.start.slice(0, 7);
  if (period.kind === "quarter") return `${period.start.slice(0, 4)}-Q${Math.ceil(Number(period.start.slice(5, 7)) / 3)}`;
  const { year, week } = isoWeek(period.start);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Whether a notice's period is over on `today` (importing it is then a late entry). */
export const periodPassed = (period: Period, today: string): boolean => period.end < today;
