// The summary as the director reads it on a phone: one message (a line per unit, the totals with
// percentages, the few items that need the director), and the lists behind its buttons, a page at
// a time. Plain text, sent without parse_mode. A shared task is one item with each unit's state.
import { formatDay, formatMonth } from "../../domain/calendar.js";
import {
  SUMMARY_GROUPS,
  daysLate,
  doneAndOpen,
  groupCounts,
  type Summary,
  type SummaryGroup,
  type TaskSummary,
  type UnitSummary,
} from "../../domain/summary/compile.js";
import { oneLine, shorten } from "../../domain/text.js";
import { percent, summary as t } from "../../messages/vi/summary.js";

/** Overdue and blocked items on the summary itself; the rest are behind the buttons. */
const ATTENTION = { overdue: 3, blocked: 2 };
/** Task text in the summary message and in a list item. */
const SHORT_TEXT = 90;
const LIST_TEXT = 160;
/** Items on one page of a list: with a shared task's unit line each, well under 4096 characters. */
export const PAGE_SIZE = 8;

const short = (text: string, max = SHORT_TEXT) => shorten(oneLine(text), max);

/** "⏳1 ⚠️1 ❔9": the unit's non-empty groups. */
function countsLine(unit: UnitSummary): string {
  const counts = groupCounts(unit);
  return SUMMARY_GROUPS.filter((g) => counts[g] > 0).map((g) => `${t.icons[g]}${counts[g]}`).join(" ");
}

function unitLines(s: Summary): string[] {
  return s.units.map((u, i) => (u.total === 0 ? t.unitNone(i + 1, u.code) : t.unitLine(i + 1, u.code, u.total, countsLine(u))));
}

function totalsLines(s: Summary): string[] {
  if (s.total === 0) return [t.noTasksAtAll];
  const { done, open } = doneAndOpen(s.totals);
  const x = s.totals;
  return [
    t.totals(s.total, s.parts, s.units.length),
    t.doneLine(done, percent(done, s.total), x.doneOnTime, x.doneLate),
    t.openLine(open, percent(open, s.total), x.inProgress, x.overdue),
    t.otherLine(x.blocked, x.notReported),
  ];
}

/** The most overdue first, then blocked with their reason; a few of each. */
function attentionLines(s: Summary): string[] {
  const overdue = s.overdueList.map((o) => t.overdueItem(codesOf(s, o.unitNames), short(o.task.content), o.daysOverdue));
  const blocked = s.blockedList.map((b) =>
    t.blockedItem(b.parts.map((p) => p.part.unitCode).join(", "), short(b.task.content), short(b.parts.map((p) => p.part.note ?? "").find(Boolean) ?? t.noReason, 80)),
  );
  const shown = [...overdue.slice(0, ATTENTION.overdue), ...blocked.slice(0, ATTENTION.blocked)];
  if (shown.length === 0) return [];
  const more = overdue.length + blocked.length - shown.length;
  return [t.attention, ...shown, ...(more > 0 ? [t.moreItems(more)] : [])];
}

/** Unit codes for unit names (the overdue list keeps names): codes are what fits a phone line. */
function codesOf(s: Summary, names: string[]): string {
  return names.map((n) => s.units.find((u) => u.name === n)?.code ?? n).join(", ");
}

/** The one message: heading, a line per unit, totals, what needs the director. */
export function summaryMessage(s: Summary, intro?: string): string {
  const heading = [t.title(formatMonth(s.month)), t.asOf(formatDay(s.today))];
  if (s.departmentUnits !== null) heading.push(t.scope(s.units.length, s.departmentUnits));
  const blocks = [heading, [t.unitsHeading, ...unitLines(s), t.legend], totalsLines(s), attentionLines(s)];
  if (intro) blocks.unshift([intro]);
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n");
}

/** "hạn 25/12/2024, quá hạn 7 ngày" or "xong ngày 27/12/2024". */
function whenText(x: TaskSummary, s: Summary): string {
  const parts = [t.deadline(formatDay(x.task.deadline), x.task.deadlineStated)];
  const late = Math.max(0, ...x.parts.map((p) => daysLate(p.part, s.today)));
  if (late > 0) parts.push(t.overdueDays(late));
  const doneOn = x.parts.map((p) => p.part.doneOn).filter((d): d is string => d !== null).sort().at(-1);
  if (x.group === "doneLate" && doneOn) parts.push(t.doneOn(formatDay(doneOn)));
  return parts.join(", ");
}

/** "QLKH ⏳, HCTH ❔": each responsible unit's state of a shared task. */
const statesOf = (x: TaskSummary) => x.parts.map((p) => `${p.part.unitCode} ${t.icons[p.group]}`).join(", ");

function itemLines(x: TaskSummary, n: number, s: Summary, unitCode?: string): string[] {
  const lines = [t.listItem(n, t.icons[x.group], short(x.task.content, LIST_TEXT), whenText(x, s))];
  if (x.parts.length > 1) lines.push(unitCode ? t.withOthers(statesOf(x)) : t.unitsState(statesOf(x)));
  else if (!unitCode) lines.push(t.unitsState(statesOf(x)));
  const mine = x.parts.filter((p) => p.part.note && (!unitCode || p.part.unitCode === unitCode));
  lines.push(...mine.map((p) => t.noteLine(`${x.parts.length > 1 ? `${p.part.unitCode}: ` : ""}${short(p.part.note!, LIST_TEXT)}`)));
  return lines;
}

export interface ListPage {
  text: string;
  page: number;
  pages: number;
}

function pageOf(title: string, items: TaskSummary[], page: number, s: Summary, unitCode?: string): ListPage {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const slice = items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
  const body = slice.length === 0 ? [t.emptyList] : slice.map((x, i) => itemLines(x, p * PAGE_SIZE + i + 1, s, unitCode).join("\n"));
  const footer = pages > 1 ? [t.page(p + 1, pages)] : [];
  return { text: [title, ...body, ...footer].join("\n\n"), page: p, pages };
}

/** A unit's tasks (those it leads), most pressing group first. */
export function unitPage(s: Summary, unitCode: string, page: number): ListPage | null {
  const unit = s.units.find((u) => u.code === unitCode);
  if (!unit) return null;
  const order = (x: TaskSummary) => GROUP_ORDER.indexOf(x.parts.find((p) => p.part.unitCode === unitCode)!.group);
  const items = s.tasks.filter((x) => x.parts.some((p) => p.part.unitCode === unitCode)).sort((a, b) => order(a) - order(b));
  return pageOf(t.unitListTitle(unit.name, unit.total), items, page, s, unitCode);
}

/** The order lists show groups in: what needs the reader first. */
const GROUP_ORDER: SummaryGroup[] = ["overdue", "blocked", "notReported", "inProgress", "doneLate", "doneOnTime"];

/** The tasks of one group, each once; overdue ones most overdue first. */
export function groupPage(s: Summary, group: SummaryGroup, page: number): ListPage {
  const late = (x: TaskSummary) => Math.max(0, ...x.parts.map((p) => daysLate(p.part, s.today)));
  const items = s.tasks.filter((x) => x.group === group).sort((a, b) => late(b) - late(a));
  return pageOf(t.groupListTitle(`${t.icons[group]} ${t.groups[group]}`, items.length), items, page, s);
}

/** Groups in the order the summary's buttons show them (non-empty ones only). */
export const buttonGroups = (s: Summary): SummaryGroup[] => GROUP_ORDER.filter((g) => s.totals[g] > 0);
