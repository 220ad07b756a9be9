// Deadlines and periods as Vietnamese offices write them. Everything here reads lower-cased,
// NFC text (normaliseInline) and is linear in its length: each date-like token is found by one
// global scan and judged by a bounded window of the text before it.
//
// Decisions:
// - A span ("từ 01/7 đến 15/7/2025", "trong thời gian từ tháng 7 đến tháng 9") is due at its end;
//   its start is no deadline (the task's type keeps one day, so the start is not kept).
// - "trước Tết (Nguyên đán, Âm lịch)": the last working day before the first day of the Tết that
//   follows the meeting (or of the year written after it); "trước Tết Dương lịch": before 1 January.
// - "sau Tết", "sau ngày …", "từ ngày …" with no end is when a task may start, never its deadline:
//   it is returned as `after` so that the caller can say when the default deadline falls before it.
// - "trong (thời hạn) 05 ngày (làm việc)" counts from the day the notice was issued (the meeting's
//   when the notice states none): the office's own reading of "kể từ ngày ký"; its kind says so,
//   for the secretary to check in the preview.
import { addDays, lastDayOfMonth, makeDay, weekday, WorkCalendar } from "../calendar.js";
import { lunarNewYear, vietnamHolidays } from "../holidays.js";
import type { BriefingRhythm } from "../org.js";
import type { DeadlineKind, Period } from "../types.js";

const YEAR_SEP = String.raw`(?:\s?[/.-]\s?|\s+năm\s+)`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const TOKEN = new RegExp(
  [
    String.raw`(?<![\d/.])(?<d1>\d{1,2})\s?[/.-]\s?(?<m1>\d{1,2})(?:\s?[/.-]\s?(?<y1>\d{4}))?(?![\d/])`,
    String.raw`(?<!\d)(?<d2>\d{1,2})\s+tháng\s+(?<m2>\d{1,2})(?:${YEAR_SEP}(?<y2>\d{4}))?(?!\d)`,
    String.raw`tháng\s+(?<m3>\d{1,2})(?:${YEAR_SEP}(?<y3>\d{4}))?(?![\d/]|\.\d)`,
    String.raw`quý\s+(?<q>iv|i{1,3}|[1-4])(?:${YEAR_SEP}(?<qy>\d{4}))?(?![\p{L}\d])`,
    String.raw`ngày\s+(?<rd>\d{1,2})\s+(?:hằng|hàng)\s+tháng`,
    String.raw`(?<nb>giao ban\s+(?:tiếp theo|kế tiếp|kỳ tới|lần tới|lần sau|tháng tới|tuần tới|quý tới))`,
    String.raw`(?<![\d/.])(?<rel>\d{1,3})\s+ngày(?<work>\s+làm\s+việc)?(?![\p{L}\d])`,
    // "Tết Nguyên đán", "Tết Âm lịch", "Tết Nguyên đán Ất Tỵ 2025", "Tết Dương lịch".
    String.raw`(?<![\p{L}])(?<tet>tết)(?:\s(?:nguyên\sđán|âm\slịch|cổ\struyền|(?<solar>dương\slịch)))?(?:(?:\s\p{L}+\s\p{L}+)?\s(?:năm\s)?(?<ty>\d{4}))?(?![\p{L}\d])`,
  ]
    .map((s) => `(?:${s})`)
    .join("|"),
  "gu",
);

/** The words right before a date that make it a deadline ("trước ngày", "chậm nhất là", "hạn báo cáo"). */
const TRIGGER = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:trước|chậm nhất(?: là)?(?: trước)?|(?<!(?:quyền|gia|thời) )hạn(?: (?:báo cáo|hoàn thành|nộp|gửi|chót|cuối cùng))?(?: là| vào)?` +
    String.raw`|thời hạn(?: hoàn thành| thực hiện| báo cáo)?(?: là)?|hoàn thành(?: trong| trước| xong)?|xong(?: trong| trước)?|trong|đến hết|không quá` +
    // The end of a span whose start is no date of its own: "từ nay đến …", "từ ngày 01 đến …".
    String.raw`|từ (?:nay|(?:ngày )?\d{1,2}) ?(?:đến|tới|-)(?: hết)?)` +
    String.raw`\s?[:,]?\s?(?:ngày\s?)?(?:\d{1,2}\s?(?:giờ|h)(?:\s?\d{1,2}(?:\s?phút)?)?,?\s?(?:ngày\s?)?)?$`,
  "u",
);
const WINDOW = 60;
/**
 * What starts a span or a task: "từ", "trong thời gian từ ngày"; not a cited act's "có hiệu lực từ
 * ngày" (its validity is no deadline).
 */
const FROM = /(?<!hiệu lực )(?<![\p{L}])từ\s?(?:ngày\s?)?$/u;
/** What joins a span's start to its end: "đến", "tới", "-", "đến hết ngày". */
const SPAN_LINK = /^\s?(?:đến|tới|-)\s?(?:hết\s?)?(?:ngày\s?)?$/u;
/** Tết is a deadline only after "trước" ("trong Tết" is during it). */
const BEFORE = /(?<![\p{L}])trước\s?$/u;
/**
 * "05 ngày" is a deadline after "thời hạn", "chậm nhất", "không quá", or after "trong" when it
 * counts working days or says from when ("trong 05 ngày kể từ …"); "tổ chức trong 02 ngày" is how
 * long, not by when.
 */
const RELATIVE_BEFORE = /(?<![\p{L}])(?:thời hạn|chậm nhất(?: là)?|không quá|hạn)(?: là)?(?: trong)?\s?$/u;
const COUNTED_FROM = /^\s?,?\s?(?:kể từ|tính từ)/u;
/** A day a task starts after: "sau ngày 15/01", "ngay sau Tết". */
const AFTER = /(?<![\p{L}])sau(?:\skhi)?\s?(?:ngày\s?)?$/u;

/** Monday to Friday less Vietnam's public holidays, with a year's official swaps and extra days off. */
export function workingWeek(changes: { daysOff?: string[]; workingDays?: string[] } = {}): WorkCalendar {
  return new WorkCalendar(new Set([1, 2, 3, 4, 5]), { ...changes, publicHolidays: (year) => vietnamHolidays(year) });
}
const WEEKDAYS = workingWeek();

export interface DeadlineContext {
  /** The day a date without a year is read near (the meeting, else the period's start). */
  ref: string;
  /** The next briefing when the notice names it, else the period's end. */
  nextBriefing: string;
  /** Working days, for "trước Tết" and "trong 05 ngày làm việc"; Monday to Friday less public holidays when not given. */
  calendar?: WorkCalendar;
  /** The day the notice was issued, which "trong 05 ngày" counts from; `ref` when not known. */
  issuedOn?: string | null;
}

export interface Deadline {
  day: string;
  kind: Exclude<DeadlineKind, "default">;
  recurring: { dayOfMonth: number } | null;
}

export interface DeadlineReading {
  deadline: Deadline | null;
  /** Stated dates that do not exist ("31/6/2025"). */
  invalid: string[];
  /** The latest day the text says the task starts on or after ("sau Tết", "từ ngày 01/9"), or null. */
  after: string | null;
}

/**
 * The earliest deadline stated in `text`, the stated dates that do not exist, and the day the task
 * starts on or after. `bare`: the text is a deadline cell of a table, whose dates need no "trước"/"hạn"
 * before them.
 */
export function readDeadline(text: string, ctx: DeadlineContext, bare = false): DeadlineReading {
  const read: DeadlineReading = { deadline: null, invalid: [], after: null };
  const tokens = [...text.matchAll(TOKEN)];
  let spanEnd = -1;
  for (const [i, m] of tokens.entries()) {
    const before = text.slice(Math.max(0, m.index - WINDOW), m.index);
    const next = tokens[i + 1];
    const opensSpan = !!next && SPAN_LINK.test(text.slice(m.index + m[0].length, next.index));
    const from = FROM.test(before);
    if (AFTER.test(before) || (from && !opensSpan)) {
      const day = startDay(m.groups!, ctx);
      if (day && (!read.after || day > read.after)) read.after = day;
      // "từ sau Tết đến ngày 15/3": the span's end is still its deadline.
      if (opensSpan) spanEnd = i + 1;
      continue;
    }
    if (opensSpan) {
      if (bare || from || TRIGGER.test(before)) spanEnd = i + 1;
      continue;
    }
    if (!isDeadline(m.groups!, before, text.slice(m.index + m[0].length, m.index + m[0].length + 20), bare || i === spanEnd)) continue;
    const found = deadlineOf(m.groups!, ctx);
    if (!found) read.invalid.push(m[0]);
    else if (!read.deadline || found.day < read.deadline.day) read.deadline = found;
  }
  return read;
}

/** Whether a token is stated as a deadline: by the words before it, or by what it is. */
function isDeadline(g: Record<string, string | undefined>, before: string, after: string, stated: boolean): boolean {
  if (g.tet !== undefined) return BEFORE.test(before);
  if (g.rel !== undefined) return RELATIVE_BEFORE.test(before) || (TRIGGER.test(before) && (g.work !== undefined || COUNTED_FROM.test(after)));
  return stated || g.rd !== undefined || g.nb !== undefined || TRIGGER.test(before);
}

/** The first day of a Tết: lunar (Nguyên đán) or solar (1 January). */
const tetIn = (g: Record<string, string | undefined>) => (year: number) => (g.solar ? `${year}-01-01` : lunarNewYear(year));

/** The day a "sau …", "từ …" token names: a date, or the first day of the Tết nearest the reference. */
function startDay(g: Record<string, string | undefined>, ctx: DeadlineContext): string | null {
  if (g.tet !== undefined) return g.ty ? tetIn(g)(Number(g.ty)) : nearRef(ctx.ref, tetIn(g));
  return g.d1 !== undefined || g.d2 !== undefined ? (deadlineOf(g, ctx)?.day ?? null) : null;
}

/** "trước Tết": the last working day before the first day of Tết (the next one, or the year's named). */
function beforeTet(g: Record<string, string | undefined>, ctx: DeadlineContext): string {
  const next = Number(ctx.ref.slice(0, 4));
  const first = g.ty ? tetIn(g)(Number(g.ty)) : [next, next + 1].map(tetIn(g)).find((d) => d > ctx.ref)!;
  return (ctx.calendar ?? WEEKDAYS).workingDaysBefore(addDays(first, -1), 0);
}

function deadlineOf(g: Record<string, string | undefined>, ctx: DeadlineContext): Deadline | null {
  const n = (s: string | undefined) => (s === undefined ? null : Number(s));
  const date = (kind: Deadline["kind"], day: string | null): Deadline | null => (day ? { day, kind, recurring: null } : null);
  if (g.d1 !== undefined || g.d2 !== undefined) {
    const [d, mo, y] = g.d1 !== undefined ? [n(g.d1)!, n(g.m1)!, n(g.y1)] : [n(g.d2)!, n(g.m2)!, n(g.y2)];
    return date("date", y ? makeDay(y, mo, d) : nearRef(ctx.ref, (year) => makeDay(year, mo, d)));
  }
  if (g.m3 !== undefined) {
    const mo = n(g.m3)!;
    const last = (year: number) => (mo >= 1 && mo <= 12 ? lastDayOfMonth(`${year}-${String(mo).padStart(2, "0")}`) : null);
    return date("month", g.y3 ? last(n(g.y3)!) : nearRef(ctx.ref, last));
  }
  if (g.q !== undefined) {
    const q = ROMAN[g.q] ?? Number(g.q);
    const last = (year: number) => lastDayOfMonth(`${year}-${String(q * 3).padStart(2, "0")}`);
    return date("quarter", g.qy ? last(n(g.qy)!) : nearRef(ctx.ref, last));
  }
  if (g.rd !== undefined) return recurring(n(g.rd)!, ctx.ref);
  if (g.tet !== undefined) return date("date", beforeTet(g, ctx));
  if (g.rel !== undefined) return date("relative", daysFrom(ctx, n(g.rel)!, g.work !== undefined));
  return { day: ctx.nextBriefing, kind: "next_briefing", recurring: null };
}

/** `days` days ("làm việc": working days) after the notice was issued; none for zero. */
function daysFrom(ctx: DeadlineContext, days: number, working: boolean): string | null {
  if (days < 1) return null;
  const from = ctx.issuedOn ?? ctx.ref;
  return working ? (ctx.calendar ?? WEEKDAYS).workingDaysAfter(from, days) : addDays(from, days);
}

/** A day given without its year: the one in the reference's year, or the next year's when that is long past. */
function nearRef(ref: string, dayIn: (year: number) => string | null): string | null {
  const year = Number(ref.slice(0, 4));
  const same = dayIn(year);
  if (same === null) return null;
  return same >= addDays(ref, -31) ? same : dayIn(year + 1);
}

/** "ngày 20 hằng tháng": the first such day from `ref` on (the 31st falls back to a month's last day). */
function recurring(dayOfMonth: number, ref: string): Deadline | null {
  if (dayOfMonth < 1 || dayOfMonth > 31) return null;
  let month = ref.slice(0, 7);
  for (let i = 0; i < 2; i++) {
    const last = lastDayOfMonth(month);
    const day = `${month}-${String(Math.min(dayOfMonth, Number(last.slice(8)))).padStart(2, "0")}`;
    if (day >= ref) return { day, kind: "recurring", recurring: { dayOfMonth } };
    month = addDays(last, 1).slice(0, 7);
  }
  return null;
}

const PERIOD = new RegExp(
  [
    // "ngày 07 tháng 01 năm 2022" is a day, not a month's period.
    String.raw`(?<!\d\s)tháng\s+(?<m>\d{1,2})${YEAR_SEP}(?<my>\d{4})`,
    String.raw`tuần(?:\s+thứ)?\s+(?<w>\d{1,2})(?:${YEAR_SEP}(?<wy>\d{4}))?(?!\d)`,
    String.raw`quý\s+(?<q>iv|i{1,3}|[1-4])(?:${YEAR_SEP}(?<qy>\d{4}))?(?![\p{L}\d])`,
  ]
    .map((s) => `(?:${s})`)
    .join("|"),
  "u",
);

/** The first period a heading names ("tháng 12 năm 2024", "tuần thứ 30", "quý IV/2024"). */
export function periodNamed(text: string, refYear: number | null): Period | null {
  const g = PERIOD.exec(text)?.groups;
  if (!g) return null;
  if (g.m !== undefined) return monthPeriod(Number(g.my), Number(g.m));
  const year = Number(g.wy ?? g.qy ?? refYear ?? NaN);
  if (!Number.isInteger(year)) return null;
  if (g.w !== undefined) return weekPeriod(year, Number(g.w));
  return quarterPeriod(year, ROMAN[g.q!] ?? Number(g.q));
}

/** What a briefing held on `day` plans: early in its period that period, late in it the next one. */
export function periodAfterMeeting(day: string, every: BriefingRhythm): Period | null {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  if (every === "week") {
    // Thursday on: the briefing looks at the coming week.
    const monday = addDays(day, 1 - weekday(day));
    const start = weekday(day) >= 4 ? addDays(monday, 7) : monday;
    return { kind: "week", start, end: addDays(start, 6) };
  }
  if (every === "quarter") {
    const q = Math.ceil(mo / 3);
    const late = mo === q * 3 && d > 15;
    return late ? quarterPeriod(q === 4 ? y + 1 : y, q === 4 ? 1 : q + 1) : quarterPeriod(y, q);
  }
  return d > 15 ? monthPeriod(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1) : monthPeriod(y, mo);
}

function monthPeriod(year: number, month: number): Period | null {
  const start = makeDay(year, month, 1);
  return start ? { kind: "month", start, end: lastDayOfMonth(start.slice(0, 7)) } : null;
}

function quarterPeriod(year: number, q: number): Period | null {
  const start = q >= 1 && q <= 4 ? makeDay(year, q * 3 - 2, 1) : null;
  return start ? { kind: "quarter", start, end: lastDayOfMonth(`${year}-${String(q * 3).padStart(2, "0")}`) } : null;
}

/** ISO week `n` of `year` (week 1 holds 4 January), Monday to Sunday. */
function weekPeriod(year: number, n: number): Period | null {
  const jan4 = makeDay(year, 1, 4);
  if (!jan4 || n < 1 || n > 53) return null;
  const start = addDays(addDays(jan4, 1 - weekday(jan4)), (n - 1) * 7);
  return { kind: "week", start, end: addDays(start, 6) };
}
