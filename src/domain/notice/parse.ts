// Reads a conclusion notice (Thông báo kết luận) into tasks with responsible and coordinating
// units and deadlines, and says what it could not read.
//
// Shape of a notice (seeds/conclusion-notice-2024-11.txt, tests/fixtures/notices/):
//   header     agency, "Số: …/TB-…", "…, ngày 03 tháng 12 năm 2024", "THÔNG BÁO", title
//   preamble   "Ngày 29/11/2024, … chủ trì cuộc giao ban …, kết luận như sau:"
//   body       an outline (outline.ts); its top-level sections are read by what they are:
//                assessment or attendance ("Đánh giá …", "Thành phần …")  skipped
//                the work ("Nhiệm vụ …", "NỘI DUNG", "Tổ chức thực hiện", a unit, a task table,
//                  one sentence giving a unit work)                          read into tasks
//                anything else ("3. Về ý kiến …", a paragraph that only
//                  assesses or reports)                                     shown as unplaced
//              when no section reads as the work, every section but the skipped ones is read;
//              a plain title over numbered sections ("NỘI DUNG") is read through.
//   closing    "Nay thông báo …", "Nơi nhận:", signature: neither task nor unplaced
//
// Decisions:
// - The body starts after the preamble's line that introduces the conclusions ("… như sau:"), else at the
//   first heading of the work or of a unit; with neither, the text is no notice we can read
//   (finding no_task_part) and nothing in it is shown as unplaced.
// - Every line under a unit that becomes no task (a note among bullets, a unit heading we do not
//   know and its lines, a line naming nobody) goes to `unplaced`, whole, with the units it names.
// - A heading's own text after its colon is a task unless it introduces a list ("… sau:"). A
//   heading that is a sentence of work before such a list ("2. Bộ Tài chính … trước ngày 20/10/2024.
//   Trong đó chú ý một số nội dung sau:") is a task too: its coordinating units are its own, its
//   stated day is its parts' deadline when they state none.
// - Units named by a heading ("(2) Phòng QLKH:", "Giao Sở X:") are those of every line under it; a
//   unit that is only the subject of a sentence is that sentence's, and a line under it that
//   starts with another unit is that unit's.
// - Content is the line without its marker, spaces collapsed, otherwise verbatim.
// - Who is responsible and who coordinates: roles.ts. A coordinating unit is never also responsible.
// - `source` is the path of numbered markers down to the task ("2.(3)", "II.2.a"; bullets add
//   nothing); "#n" is row n of a task table; a task in plain paragraphs has "".
// - The period comes from the heading of the work ("Nhiệm vụ … tháng 12 năm 2024"), else from
//   the meeting date and the org's briefing rhythm. Without it no default deadline exists, so no
//   task is made: each goes to `unplaced` with its units, and the finding says why.
// - Doubts about the notice (another issuer, unit headings that mostly match no unit) are put
//   first in `findings`; noticeDoubts picks them out for whoever must refuse to store.
import { monthOf } from "../calendar.js";
import type { Org } from "../org.js";
import type { NoticeFinding, ParsedNotice, ParsedTask, UnplacedLine } from "../types.js";
import { periodAfterMeeting, periodNamed, readDeadline, workingWeek, type Deadline, type DeadlineContext } from "./dates.js";
import { issuerDoubt, readMeta, readNextBriefing } from "./meta.js";
import { buildOutline, isHeadingLike, linesOf, normaliseText, toLines, type Line, type OutlineNode } from "./outline.js";
import { headingReader, rolesIn, type HeadingUnits } from "./roles.js";
import { tableDrafts, taskColumns, type Draft } from "./table.js";
import { createUnitIndex, normaliseInline, unique, unitsMentioned, type UnitIndex } from "./units.js";

/** `calendar`: the year's swaps and extra days off, for "trước Tết". */
export type NoticeOrg = Pick<Org, "units" | "groups" | "issuer" | "briefing"> & Partial<Pick<Org, "calendar">>;

/** The line that introduces the conclusions: "… kết luận như sau:", "… kết luận:" (two tests, each linear). */
const OPENER_END = /(?:như sau|kết luận|chỉ đạo)\s*:$/iu;
const OPENER_WORDS = /kết luận|chỉ đạo|thống nhất|giao|yêu cầu|ý kiến/iu;
const SKIPPED = /^(?:về\s+)?(?:thành phần|đánh giá|kết quả|tình hình|bối cảnh|những kết quả|ưu điểm|hạn chế|tồn tại)/iu;
const WORK = /nhiệm vụ|giải pháp|nội dung|chỉ đạo|kết luận|phương hướng|công việc|triển khai|tổ chức thực hiện|đề xuất|kiến nghị/iu;
/** A sentence, then one that introduces a list: "… trước ngày 20/10/2024. Trong đó chú ý một số nội dung sau:". */
const SENTENCE_THEN_LIST = /[.;]\s+\p{Lu}[^.;]*:$/u;
/** A sentence that reports rather than assigns: it cites an act, or says what was done. */
const REPORTS = /^(?:luật|nghị định|nghị quyết|quyết định|thông tư|chỉ thị|kết luận|thông báo|công văn)\s|^[^,;:]{0,80}?\sđã\s/iu;
/** A rule in the header ("-------" under a body's name, in its cell or on its own line). */
const RULE = /[-–—_=*]{3,}/g;
/**
 * The findings that must stop a notice from being stored without an explicit confirmation:
 * another issuer, unit headings that mostly match no unit. parseNotice has put them in
 * `findings` already; given `org`, the issuer is checked again against it (the org may have
 * changed between the preview and the confirmation).
 */
export function noticeDoubts(parsed: ParsedNotice, org?: Pick<Org, "issuer">): NoticeFinding[] {
  const issuer = org ? issuerDoubt(parsed.notice, org) : parsed.findings.find((f) => f.code === "other_issuer");
  return [...(issuer ? [issuer] : []), ...parsed.findings.filter((f) => f.code === "units_unmatched")];
}

/** `above`: the lines over the task inside its section, nearest first (a stated day there is its deadline). */
type Placed = Draft & { units: string[]; above: string[] };

interface Context {
  units: string[] | null;
  /** The units come from a heading or "Giao X", not from a sentence's subject. */
  named: boolean;
  support: string[];
  path: string[];
  above: string[];
}

/** What reading the body gathers; drafts and unplaced lines in one list, in the notice's order. */
interface Reading {
  items: ({ draft: Placed } | { unplaced: UnplacedLine })[];
  unitHeadings: number;
  unknownHeadings: string[];
}

export function parseNotice(text: string, org: NoticeOrg): ParsedNotice {
  const index = createUnitIndex(org);
  const heading = headingReader(index);
  const heads = headsUnits(heading);
  const lines = toLines(text, (raw) => heads({ kind: "para", style: null, label: null, text: raw, raw, rows: [], at: 0 }));
  const start = bodyStart(lines, heading);
  const closing = lines.findIndex((l, i) => i >= Math.max(start, 0) && l.kind === "closing");
  // The header as written, line by line and cell by cell (its lines are never joined), rules dropped.
  const preamble = normaliseText(text)
    .split("\n")
    .slice(0, start < 0 ? undefined : lines[start]?.at)
    .flatMap((l) => l.split("\t"))
    .map((l) => l.replace(RULE, " ").replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const notice = readMeta(preamble);
  const doubt = issuerDoubt(notice, org);
  const findings: NoticeFinding[] = doubt ? [doubt] : [];
  if (start < 0) return { notice, tasks: [], unplaced: [], findings: [...findings, { code: "no_task_part" }] };

  const body = lines.slice(start, closing < 0 ? undefined : closing);
  // A plain title over numbered sections ("NỘI DUNG", then "1. Đánh giá …", "2. Nhiệm vụ …"): the
  // sections are what is read, each for what it is.
  const outline = buildOutline(body, heads);
  const titles = outline.filter((r) => r.line.kind === "para" && r.children.some((c) => c.line.kind === "marker"));
  const roots = outline.flatMap((r) => (titles.includes(r) ? r.children : [r]));
  const work = roots.filter((r) => isWork(index, heading, r));
  const read = readBody(new Walker(index, heading), roots, work.length ? work : roots.filter((r) => !SKIPPED.test(r.line.text)));
  if (read.unknownHeadings.length > read.unitHeadings) findings.push({ code: "units_unmatched", headings: read.unknownHeadings });

  const refYear = Number((notice.meetingOn ?? notice.issuedOn ?? "").slice(0, 4)) || null;
  // Only a heading names the period: a sentence's "ngày 07 tháng 01 năm 2022" is a cited date.
  const headings = [...work.slice(0, 1), ...titles].filter((r) => isHeadingLike(r.line, heads));
  const named = headings.map((r) => periodNamed(normaliseInline(r.line.text), refYear)).find(Boolean);
  const period = named ?? (notice.meetingOn ? periodAfterMeeting(notice.meetingOn, org.briefing.every) : null);
  notice.period = period;
  notice.month = period ? monthOf(period.start) : null;
  if (!period) findings.push({ code: "no_period" });
  const ctx: DeadlineContext | null = period && {
    ref: notice.meetingOn ?? period.start,
    nextBriefing: readNextBriefing(text, notice.meetingOn) ?? period.end,
    calendar: org.calendar && workingWeek(org.calendar),
    issuedOn: notice.issuedOn,
  };
  const tasks: ParsedTask[] = [];
  const unplaced: UnplacedLine[] = [];
  const stated = ctx && statedDays(ctx);
  for (const item of read.items) {
    if ("unplaced" in item) unplaced.push(item.unplaced);
    else if (ctx && stated) tasks.push(toTask(item.draft, ctx, stated, findings));
    else unplaced.push({ text: item.draft.raw, suggestedUnits: [...item.draft.units, ...item.draft.support] });
  }
  if (!read.items.some((item) => "draft" in item)) findings.push({ code: "no_task_part" });
  return { notice, tasks, unplaced, findings };
}

/**
 * A line that only names units ("(2) Phòng QLKH:", "Thanh tra Sở"): what follows is theirs. One
 * with a task after its colon ("- Văn phòng Sở: chuẩn bị …") is an item like its neighbours.
 */
function headsUnits(heading: (line: Line) => HeadingUnits): (line: Line) => boolean {
  return (line) => {
    const found = heading(line);
    return found.kind === "units" && !found.rest;
  };
}

function bodyStart(lines: Line[], heading: (line: Line) => HeadingUnits): number {
  // Only the preamble introduces the conclusions: a "… như sau:" inside the outline is part of it.
  const outline = lines.findIndex((l) => l.kind === "marker" || isTaskTable(l));
  const opener = lines.findIndex((l) => l.kind === "para" && OPENER_END.test(l.text) && OPENER_WORDS.test(l.text));
  if (opener >= 0 && (outline < 0 || opener < outline)) return opener + 1;
  const heads = headsUnits(heading);
  return lines.findIndex((l) => l.kind !== "closing" && (heading(l).kind === "units" || isWorkHeading(l, heads) || isTaskTable(l)));
}

const isTaskTable = (line: Line) => line.kind === "table" && taskColumns(line.rows[0]!) !== null;

function isWorkHeading(line: Line, headsUnits: (line: Line) => boolean): boolean {
  return isHeadingLike(line, headsUnits) && !SKIPPED.test(line.text) && WORK.test(line.text.slice(0, 120));
}

/**
 * A section of the work: its heading says so, names units, is a task table, or is a paragraph with
 * a sentence giving a unit work. A sentence that reports gives none: an act it cites ("Luật … giao
 * Bộ Tài chính chủ trì …"), what a unit has done ("Bộ Tài chính đã …").
 */
function isWork(index: UnitIndex, heading: (line: Line) => HeadingUnits, root: OutlineNode): boolean {
  // A unit heading we do not know is read too: it counts against the notice (units_unmatched).
  if (isTaskTable(root.line) || heading(root.line).kind !== "none" || isWorkHeading(root.line, headsUnits(heading))) return true;
  if (SKIPPED.test(root.line.text)) return false;
  return root.line.text
    .split(/(?<=[.;])\s/)
    .filter((sentence) => !REPORTS.test(sentence))
    .some((sentence) => {
      const roles = rolesIn(index, sentence);
      return roles.explicit.length + roles.subject.length > 0;
    });
}

function readBody(walker: Walker, roots: OutlineNode[], work: OutlineNode[]): Reading {
  const isWork = new Set(work);
  for (const root of roots) {
    if (isWork.has(root)) walker.node(root, { units: null, named: false, support: [], path: [], above: [] }, false, true);
    else if (!SKIPPED.test(root.line.text)) walker.unplace(root);
  }
  return walker.read;
}

class Walker {
  readonly read: Reading = { items: [], unitHeadings: 0, unknownHeadings: [] };

  constructor(
    private readonly index: UnitIndex,
    private readonly heading: (line: Line) => HeadingUnits,
  ) {}

  /**
   * `loose`: a paragraph among marked siblings, a task only when it names its unit itself.
   * `root`: a section of the work, whose heading ("II. NHIỆM VỤ …") is no line to show.
   */
  node(node: OutlineNode, ctx: Context, loose: boolean, root = false): void {
    const { line, children } = node;
    const path = stepInto(ctx.path, line.label);
    if (line.kind === "table") return this.table(node, { ...ctx, path });
    const heading = this.heading(line);
    if (heading.kind === "unknown") {
      this.read.unknownHeadings.push(heading.head);
      return this.unplace(node);
    }
    const above = (counts: boolean) => (counts ? [line.text, ...ctx.above] : ctx.above);
    if (heading.kind === "units") {
      this.read.unitHeadings++;
      const inner = { units: heading.codes, named: true, support: [], path, above: ctx.above };
      if (heading.rest && !heading.rest.endsWith(":")) this.draft(heading.rest, line, inner);
      return this.children(children, { ...inner, above: above(true) });
    }
    const roles = rolesIn(this.index, line.text);
    const subject = roles.subject.length && !ctx.named ? roles.subject : null;
    const units = roles.explicit.length ? roles.explicit : (subject ?? ctx.units);
    const named = roles.explicit.length > 0 || (ctx.named && !!units);
    const inner = { units, named, support: unique([...ctx.support, ...roles.support]), path, above: ctx.above };
    // A line with lines under it is their heading, unless it is a sentence of its own.
    const givesWork = roles.explicit.length + roles.subject.length > 0;
    const own = children.length === 0 || /[.;]$/.test(line.text) || (givesWork && SENTENCE_THEN_LIST.test(line.text));
    if (own) {
      if (loose && !roles.explicit.length) this.read.items.push({ unplaced: this.suggest(line, []) });
      else this.draft(line.text, line, inner);
    } else if (!units && !root) this.read.items.push({ unplaced: this.suggest(line, []) });
    // The units and coordinating units of a line that is a task of its own are that task's; its
    // units still serve the lines under it that name nobody. A section's heading that is no task
    // names the period, not a deadline of the lines under it.
    const under = own ? { named: false, support: ctx.support } : {};
    this.children(children, { ...inner, ...under, above: above(own || !root) });
  }

  private children(children: OutlineNode[], ctx: Context): void {
    const marked = children.some((c) => c.line.kind === "marker");
    for (const child of children) this.node(child, ctx, marked && child.line.kind === "para" && child.children.length === 0);
  }

  private table(node: OutlineNode, ctx: Context): void {
    const [header, ...rows] = node.line.rows;
    const cols = header ? taskColumns(header) : null;
    if (!cols) return this.unplace(node);
    for (const draft of tableDrafts(this.index, rows, cols, ctx.path)) {
      const units = draft.units ?? ctx.units;
      if (units) this.read.items.push({ draft: { ...draft, units, above: ctx.above } });
      else this.read.items.push({ unplaced: { text: draft.raw, suggestedUnits: draft.support } });
    }
  }

  /** A task for the context's units; with none, the line is shown with the units it names. */
  private draft(content: string, line: Line, ctx: Context): void {
    if (!ctx.units) return void this.read.items.push({ unplaced: this.suggest(line, ctx.support) });
    const draft = { units: ctx.units, support: ctx.support, content, raw: line.raw, source: ctx.path.join("."), deadlineCell: null, above: ctx.above };
    this.read.items.push({ draft });
  }

  /** Every line of a subtree, shown whole with the units it names. */
  unplace(node: OutlineNode): void {
    for (const line of linesOf(node)) this.read.items.push({ unplaced: this.suggest(line, []) });
  }

  /** `extra`: coordinating units the line's heading named. */
  private suggest(line: Line, extra: string[]): UnplacedLine {
    const roles = rolesIn(this.index, line.text);
    const named = [...roles.explicit, ...roles.subject, ...roles.support, ...extra];
    return { text: line.raw, suggestedUnits: named.length ? unique(named) : unitsMentioned(this.index, line.text) };
  }
}

/** The path one level down: "2" then "(3)"; "2.1" replaces its parent "2" rather than repeat it. */
function stepInto(path: string[], label: string | null): string[] {
  if (!label) return path;
  const parent = path.at(-1);
  return parent && label.startsWith(`${parent}.`) ? [...path.slice(0, -1), label] : [...path, label];
}

/** The day a line over tasks states ("… trước ngày 20/10/2024. Trong đó …:"), read once per line. */
function statedDays(ctx: DeadlineContext): (text: string) => Deadline | null {
  const seen = new Map<string, Deadline | null>();
  return (text) => {
    if (!seen.has(text)) {
      const found = readDeadline(normaliseInline(text), ctx).deadline;
      // A day or a count of days; not a month or a quarter, which a heading names as the period.
      seen.set(text, found?.kind === "date" || found?.kind === "relative" ? found : null);
    }
    return seen.get(text)!;
  };
}

function toTask(draft: Placed, ctx: DeadlineContext, stated: (text: string) => Deadline | null, findings: NoticeFinding[]): ParsedTask {
  const units = draft.units;
  const cell = draft.deadlineCell ? readDeadline(normaliseInline(draft.deadlineCell), ctx, true) : null;
  const inText = readDeadline(normaliseInline(draft.content), ctx);
  for (const date of [...(cell?.invalid ?? []), ...inText.invalid]) findings.push({ code: "invalid_date", date, text: draft.content });
  const found = cell?.deadline ?? inText.deadline ?? draft.above.map(stated).find(Boolean);
  const after = [cell?.after, inText.after].filter((d): d is string => !!d).sort().at(-1);
  if (!found && after && after > ctx.nextBriefing) findings.push({ code: "starts_after_deadline", after, deadline: ctx.nextBriefing, text: draft.content });
  return {
    units,
    support: draft.support.filter((c) => !units.includes(c)),
    content: draft.content,
    deadline: found?.day ?? ctx.nextBriefing,
    deadlineStated: !!found,
    deadlineKind: found?.kind ?? "default",
    recurring: found?.recurring ?? null,
    source: draft.source,
  };
}
