// Reads a conclusion notice (Thông báo kết luận) into unit tasks.
//
// Shape of the text (seeds/conclusion-notice-2024-11.txt):
//   preamble   "Số: …", "…, ngày 03 tháng 12 năm 2024", "Ngày 29/11/2024, … chủ trì cuộc giao ban …"
//   "1. Đánh giá kết quả …"                 assessment of last month: ignored
//   "2. Nhiệm vụ trọng tâm trong tháng 12 …" the task part
//      "(1) Các phòng, đơn vị … sau:"       its "- " bullets go to every unit
//      "(2) Phòng Quản lý Khoa học:"        bullets (or, with no bullet, paragraphs) go to that unit
//   "3. Về ý kiến …"                        later sections: every heading/bullet/paragraph to `unplaced`
//   "Nay thông báo …", "Nơi nhận:", signature: end of the text, neither task nor unplaced
//
// Decisions:
// - A paragraph is a line; a plain line right after a bullet or paragraph (no blank line between)
//   continues it, since Word soft breaks and wrapped pastes arrive that way. Bullets are "-", "–",
//   "—", "•", "+", "*", "a)", "(b)"; each bullet is one task, whatever its level.
// - A line that is nothing but a unit's name ("- Phòng QLKH:") heads that unit's section too.
// - `unplaced` entries are the lines as written (bullet marker kept, spaces collapsed), one per
//   heading, bullet or paragraph, so the secretary recognises them.
// - Task content is the bullet text without its marker, spaces collapsed, otherwise verbatim
//   ("*…*" and a trailing "./." are kept).
// - In a unit section that has bullets, its plain paragraphs are not tasks: they go to `unplaced`.
// - A deadline is a date right after a deadline phrase ("trước", "chậm nhất (là)", "hạn",
//   "hoàn thành trong", optional "ngày"); a date after "số …/TB-… ngày" cites a document and is
//   never one. A date that does not exist is reported in `unplaced` and the task keeps the default.
// - Without the month the tasks are for there is no default deadline, so the notice is unusable:
//   no tasks, and `unplaced` holds only the reason.
import { lastDayOfMonth, makeDay, monthOf, nextMonth } from "../calendar.js";
import type { NoticeFinding, ParsedNotice, ParsedTask, UnitInfo } from "../types.js";
import { createUnitMatcher, unitsNamedIn, type UnitMatcher } from "./units.js";

type BlockKind = "top" | "sub" | "bullet" | "text" | "closing";
interface Block {
  kind: BlockKind;
  /** Without its marker ("2. ", "(3) ", "- "). */
  text: string;
  /** As written, spaces collapsed. */
  raw: string;
}

/** A run of the task part: a unit's heading and its lines, or lines no unit heading covers. */
interface Section {
  /** null: no known unit; its lines go to `unplaced`. */
  codes: string[] | null;
  heading: Block | null;
  items: Block[];
}


const TOP = /^(?:\d{1,2}|[IVX]{1,4})\.\s+(\S.*)$/;
const SUB = /^(?:\(\s*\d{1,2}\s*\)\s*|\d{1,2}\)\s*|\d{1,2}\.\d{1,2}\.?\s+)(\S.*)$/;
const BULLET = /^(?:[-–—‐‑−•·●▪◦]\s*|[+*]\s+|\(?[a-zđ]\)\s+)(\S.*)$/i;
const CLOSING = /^(?:nay thông báo|nơi nhận|tl\.|kt\.|tm\.|t\/m)/i;
const ALL_UNITS = /^(?:các|tất cả(?: các)?)\s+(?:phòng|đơn vị)/i;

const NUM_DATE = String.raw`(\d{1,2})\s?[/.-]\s?(\d{1,2})(?:\s?[/.-]\s?(\d{4}))?(?![\d/])`;
const WORD_DATE = String.raw`(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?`;
const DEADLINE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:trước|chậm nhất|hạn|hoàn thành trong|xong trong)(?:\s+(?:là|vào|chót|hoàn thành))*` +
    String.raw`\s?:?\s?(?:ngày\s+)?(?:${NUM_DATE}|${WORD_DATE})`,
  "giu",
);
const DATED = new RegExp(String.raw`ngày\s+(?:${NUM_DATE}|${WORD_DATE})`, "i");
const ISSUED_ON = new RegExp(String.raw`,\s?ngày\s+(?:${NUM_DATE}|${WORD_DATE})`, "i");

export function parseNotice(text: string, units: UnitInfo[]): ParsedNotice {
  const lines = normaliseText(text).split("\n");
  const notice = readMeta(lines);
  const match = createUnitMatcher(units);
  const blocks = toBlocks(lines, match);
  const start = blocks.findIndex(isTaskHeading);
  if (start < 0) return { notice, tasks: [], unplaced: [], findings: [{ code: "no_task_part" }] };

  const month = monthFrom(blocks[start]!.text) ?? (notice.meetingOn ? nextMonth(monthOf(notice.meetingOn)) : null);
  notice.month = month;
  if (!month) return { notice, tasks: [], unplaced: [], findings: [{ code: "no_period" }] };

  const placed = readTaskPart(blocks, start + 1, match, units.map((u) => u.code)).map((s) => placeSection(s, month));
  return {
    notice,
    tasks: placed.flatMap((p) => p.tasks),
    unplaced: placed.flatMap((p) => p.unplaced).map((text) => ({ text, suggestedUnits: unitsNamedIn(text, units) })),
    findings: placed.flatMap((p) => p.findings),
  };
}

/** The earliest deadline the text states, and the stated dates that do not exist. */
export function findStatedDeadline(text: string, month: string): { day: string | null; invalid: string[] } {
  let day: string | null = null;
  const invalid: string[] = [];
  for (const m of text.matchAll(DEADLINE)) {
    const found = dayFrom(...dateParts(m), month);
    if (!found) invalid.push(m[0].replace(/^\D+/, ""));
    else if (!day || found < day) day = found;
  }
  return { day, invalid };
}

function normaliseText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t\v\f]/g, " ")
    .replace(/[\u200B-\u200D\uFEFF]/g, "");
}

function classify(raw: string): Block {
  const top = TOP.exec(raw);
  if (top) return { kind: "top", text: top[1]!, raw };
  const sub = SUB.exec(raw);
  if (sub) return { kind: "sub", text: sub[1]!, raw };
  const bullet = BULLET.exec(raw);
  if (bullet) return { kind: "bullet", text: bullet[1]!, raw };
  return { kind: CLOSING.test(raw) ? "closing" : "text", text: raw, raw };
}

function toBlocks(lines: string[], match: UnitMatcher): Block[] {
  const blocks: Block[] = [];
  let continues = false;
  for (const line of lines) {
    const raw = line.replace(/\s+/g, " ").trim();
    if (!raw) {
      continues = false;
      continue;
    }
    const block = classify(raw);
    const last = blocks.at(-1);
    if (block.kind === "text" && continues && last && !match(raw)) {
      last.text += ` ${raw}`;
      last.raw += ` ${raw}`;
      continue;
    }
    blocks.push(block);
    continues = block.kind === "bullet" || block.kind === "text";
  }
  return blocks;
}

function isTaskHeading(block: Block): boolean {
  const t = block.text.toLowerCase();
  if (block.kind === "top") return t.includes("nhiệm vụ") && !/đánh giá|kết quả/.test(t);
  return block.kind === "text" && t.startsWith("nhiệm vụ trọng tâm") && t.length < 200;
}

function readMeta(lines: string[]): ParsedNotice["notice"] {
  const top = lines.findIndex((l) => TOP.test(l.trim()));
  const preamble = (top < 0 ? lines : lines.slice(0, top)).map((l) => l.replace(/\s+/g, " ").trim());
  return {
    number: firstOf(preamble, readNumber),
    issuedOn: firstOf(preamble, readIssuedOn),
    meetingOn: firstOf(preamble, readMeetingOn),
    month: null,
  };
}

function firstOf(lines: string[], read: (line: string) => string | null): string | null {
  for (const line of lines) {
    const found = read(line);
    if (found) return found;
  }
  return null;
}

/** "Số: /TB-SKHCN" → "/TB-SKHCN"; stops before a following word ("Quảng Ngãi, ngày …" of a table row). */
function readNumber(line: string): string | null {
  const m = /^Số\s?:\s?(\S*(?: [^\s\p{L}]\S*)*)/iu.exec(line);
  return m?.[1] || null;
}

function readIssuedOn(line: string): string | null {
  const m = ISSUED_ON.exec(line);
  return m ? dateOf(m) : null;
}

/** The first "ngày dd/mm/yyyy" (or "ngày dd tháng mm năm yyyy") in a sentence about the briefing. */
function readMeetingOn(line: string): string | null {
  for (const sentence of line.split(/(?<=[.;])\s/)) {
    if (!/giao ban/i.test(sentence)) continue;
    const m = DATED.exec(sentence);
    if (m) return dateOf(m);
  }
  return null;
}

/** Day, month and year (null when not written) of a NUM_DATE or WORD_DATE match. */
function dateParts(m: RegExpMatchArray): [number, number, number | null] {
  const [d, mo, y] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  return [Number(d), Number(mo), y ? Number(y) : null];
}

function dateOf(m: RegExpMatchArray): string | null {
  const [d, mo, y] = dateParts(m);
  return y ? makeDay(y, mo, d) : null;
}

function monthFrom(heading: string): string | null {
  const m = /tháng\s+(\d{1,2})\s?(?:năm\s+|[/.-]\s?)(\d{4})/i.exec(heading);
  const day = m ? makeDay(Number(m[2]), Number(m[1]), 1) : null;
  return day ? monthOf(day) : null;
}

/** A day without a year is the first such day from the start of the notice's month. */
function dayFrom(d: number, mo: number, year: number | null, month: string): string | null {
  if (year) return makeDay(year, mo, d);
  const y = Number(month.slice(0, 4));
  const same = makeDay(y, mo, d);
  return same && same >= `${month}-01` ? same : makeDay(y + 1, mo, d);
}

function readTaskPart(blocks: Block[], from: number, match: UnitMatcher, allCodes: string[]): Section[] {
  const loose: Section = { codes: null, heading: null, items: [] };
  const sections: Section[] = [loose];
  let current = loose;
  let i = from;
  for (; i < blocks.length && blocks[i]!.kind !== "top" && blocks[i]!.kind !== "closing"; i++) {
    const block = blocks[i]!;
    // A line that is nothing but a unit's name ("- Phòng QLKH:", "a) Thanh tra Sở") heads its section.
    const code = block.kind === "sub" ? null : match(block.text);
    if (block.kind === "sub" || code) {
      current = code ? { codes: [code], heading: block, items: [] } : openSection(block, match, allCodes);
      sections.push(current);
    } else current.items.push(block);
  }
  // Later sections ("3. Về ý kiến …") are not unit task lists; the closing ends the notice.
  const after: Section = { codes: null, heading: null, items: [] };
  for (; i < blocks.length && blocks[i]!.kind !== "closing"; i++) after.items.push(blocks[i]!);
  return [...sections, after];
}

function openSection(heading: Block, match: UnitMatcher, allCodes: string[]): Section {
  const colon = heading.text.indexOf(":");
  const head = colon < 0 ? heading.text : heading.text.slice(0, colon);
  const rest = colon < 0 ? "" : heading.text.slice(colon + 1).trim();
  const code = match(head);
  const codes = ALL_UNITS.test(head) ? allCodes : code ? [code] : null;
  // Text after the colon is a task unless it introduces the list ("… các nhiệm vụ sau:").
  const isTask = codes && rest && !rest.endsWith(":");
  const items: Block[] = isTask ? [{ kind: "text", text: rest, raw: rest }] : [];
  return { codes, heading, items };
}

function placeSection(section: Section, month: string): { tasks: ParsedTask[]; unplaced: string[]; findings: NoticeFinding[] } {
  const { codes, heading, items } = section;
  if (!codes) return { tasks: [], unplaced: [...(heading ? [heading.raw] : []), ...items.map((b) => b.raw)], findings: [] };
  const hasBullets = items.some((b) => b.kind === "bullet");
  const tasks: ParsedTask[] = [];
  const unplaced: string[] = [];
  const findings: NoticeFinding[] = [];
  for (const block of items) {
    if (hasBullets && block.kind !== "bullet") {
      unplaced.push(block.raw);
      continue;
    }
    const { day, invalid } = findStatedDeadline(block.text, month);
    findings.push(...invalid.map((date) => ({ code: "invalid_date" as const, date, text: block.text })));
    tasks.push({
      units: [...codes], support: [], content: block.text, deadline: day ?? lastDayOfMonth(month), deadlineStated: !!day,
      deadlineKind: day ? "date" : "default", recurring: null, source: "",
    });
  }
  return { tasks, unplaced, findings };
}
