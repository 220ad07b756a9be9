// The briefing summary as a .docx in the usual administrative layout: Times New Roman 13pt, A4,
// margins of Nghị định 30/2020, national heading, one table per unit, totals and overdue tables.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from "docx";
import { formatDay, formatMonth } from "../domain/calendar.js";
import { SUMMARY_GROUPS, groupCounts, type GroupCounts, type Summary, type UnitSummary } from "../domain/summary/compile.js";
import { describePart, scopeLine, sharedTaskIds, unitCountsLine } from "../domain/summary/render.js";
import { summary as t } from "../messages/vi/summary.js";

const FONT = "Times New Roman";
const SIZE = 26; // half-points: 13pt
const MARGINS = { top: 20, bottom: 20, left: 30, right: 15 }; // mm
/** A4 width less the side margins, in twips: what the table columns share. */
const TEXT_WIDTH = convertMillimetersToTwip(210 - MARGINS.left - MARGINS.right);
const HEADER_SHADE = { type: ShadingType.CLEAR, color: "auto", fill: "E7E6E6" };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
interface TextOpts {
  bold?: boolean;
  italics?: boolean;
  align?: Align;
  size?: number;
}

function para(text: string, o: TextOpts = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: 60 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size })],
  });
}

function heading(text: string, level: (typeof HeadingLevel)["HEADING_1" | "HEADING_2"]): Paragraph {
  return new Paragraph({ heading: level, spacing: { before: 200, after: 100 }, children: [new TextRun(text)] });
}

interface CellOpts extends TextOpts {
  span?: number;
  header?: boolean;
}

/** A cell of one paragraph per text. */
function cell(texts: string[], o: CellOpts = {}): TableCell {
  const align = o.align ?? AlignmentType.LEFT;
  return new TableCell({
    columnSpan: o.span,
    shading: o.header ? HEADER_SHADE : undefined,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: (texts.length > 0 ? texts : [""]).map((x) => para(x, { ...o, bold: o.bold ?? o.header, align })),
  });
}

/** Fractions of the text width to twips, the last column taking the rounding rest. */
function columns(fractions: number[]): number[] {
  const widths = fractions.map((f) => Math.round(f * TEXT_WIDTH));
  const rest = TEXT_WIDTH - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  return [...widths.slice(0, -1), rest];
}

function table(fractions: number[], header: string[], rows: TableRow[]): Table {
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: header.map((h) => cell([h], { header: true, align: AlignmentType.CENTER })),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns(fractions),
    rows: [headerRow, ...rows],
  });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const center = { align: AlignmentType.CENTER };

function unitTable(unit: UnitSummary, today: string, shared: Set<number>): Table {
  const c = t.document.columns;
  const rows: TableRow[] = [];
  let n = 0;
  for (const group of SUMMARY_GROUPS) {
    const tasks = unit.groups[group].filter((p) => !shared.has(p.taskId));
    if (tasks.length === 0) continue;
    const label = t.groupHeading(t.groups[group], tasks.length);
    rows.push(new TableRow({ cantSplit: true, children: [cell([label], { span: 4, bold: true, italics: true })] }));
    for (const task of tasks) {
      const { timing, note } = describePart(task, group, today);
      const cells = [
        cell([String(++n)], center),
        cell([task.content]),
        cell([t.deadlineCell(formatDay(task.deadline), task.deadlineStated)], center),
        cell([...timing, ...(note === null ? [] : [note])].map(capitalize)),
      ];
      rows.push(new TableRow({ cantSplit: true, children: cells }));
    }
  }
  return table([0.08, 0.5, 0.17, 0.25], [c.index, c.content, c.deadline, c.status], rows);
}

function unitSection(unit: UnitSummary, index: number, today: string, shared: Set<number>): (Paragraph | Table)[] {
  const title = heading(t.document.unitHeading(index + 1, unit.name), HeadingLevel.HEADING_2);
  if (unit.total === 0) return [title, para(t.noTasks)];
  return [title, para(unitCountsLine(unit)), unitTable(unit, today, shared)];
}

/** Each task of several units once, with every unit's state. */
function sharedSection(s: Summary): (Paragraph | Table)[] {
  const shared = s.tasks.filter((x) => x.parts.length > 1);
  if (shared.length === 0) return [];
  const c = t.document.columns;
  const rows = shared.map((x, i) => {
    const states = x.parts.map(({ part, unitName, group }) => {
      const { timing, note } = describePart(part, group, s.today);
      return [`${unitName}: ${[t.groupsInline[group], ...timing].join(", ")}`, ...(note === null ? [] : [note])].join(" — ");
    });
    const cells = [cell([String(i + 1)], center), cell([x.task.content]), cell([t.deadlineCell(formatDay(x.task.deadline), x.task.deadlineStated)], center), cell(states)];
    return new TableRow({ cantSplit: true, children: cells });
  });
  return [heading(t.sharedHeading(shared.length), HeadingLevel.HEADING_2), table([0.08, 0.42, 0.15, 0.35], [c.index, c.content, c.deadline, c.status], rows)];
}

function totalsTable(s: Summary): Table {
  const c = t.document.columns;
  const countCells = (label: string, counts: GroupCounts, total: number, bold = false) => [
    cell([label], { bold }),
    ...SUMMARY_GROUPS.map((g) => cell([String(counts[g])], { ...center, bold })),
    cell([String(total)], { ...center, bold: true }),
  ];
  const unitRows = s.units.map(
    (u, i) =>
      new TableRow({ cantSplit: true, children: [cell([String(i + 1)], center), ...countCells(u.name, groupCounts(u), u.total)] }),
  );
  const totalRow = new TableRow({
    cantSplit: true,
    children: [cell([""]), ...countCells(t.document.grandTotal, s.totals, s.total, true)],
  });
  // The unit rows count parts; the last row counts tasks, each once.
  const header = [c.index, c.unit, ...SUMMARY_GROUPS.map((g) => t.groupColumns[g]), c.total];
  return table([0.07, 0.25, ...SUMMARY_GROUPS.map(() => 0.1), 0.08], header, [...unitRows, totalRow]);
}

function totalsSection(s: Summary): (Paragraph | Table)[] {
  const title = heading(t.document.totalsHeading, HeadingLevel.HEADING_1);
  if (s.total === 0) return [title, para(t.noTasksAtAll)];
  const done = s.totals.doneOnTime + s.totals.doneLate;
  return [title, para(t.totalsSentence(s.total, s.parts, s.units.length)), totalsTable(s), para(t.completionRate(done, s.total))];
}

function overdueSection(s: Summary): (Paragraph | Table)[] {
  const title = heading(t.document.overdueHeading, HeadingLevel.HEADING_1);
  if (s.overdueList.length === 0) return [title, para(t.noOverdue)];
  const c = t.document.columns;
  const rows = s.overdueList.map(({ task, unitNames, daysOverdue }, i) => {
    const cells = [
      cell([String(i + 1)], center),
      cell(unitNames),
      cell([task.content]),
      cell([t.deadlineCell(formatDay(task.deadline), task.deadlineStated)], center),
      cell([String(daysOverdue)], center),
    ];
    return new TableRow({ cantSplit: true, children: cells });
  });
  return [title, table([0.07, 0.22, 0.45, 0.14, 0.12], [c.index, c.unit, c.content, c.deadline, c.daysOverdue], rows)];
}

function titleBlock(s: Summary): Paragraph[] {
  const d = t.document;
  return [
    para(d.nation, { bold: true, align: AlignmentType.CENTER }),
    para(d.motto, { bold: true, align: AlignmentType.CENTER }),
    para(""),
    para(d.title, { bold: true, align: AlignmentType.CENTER, size: 28 }),
    para(d.subtitle(formatMonth(s.month)), { bold: true, align: AlignmentType.CENTER }),
    para(d.asOf(formatDay(s.today)), { italics: true, align: AlignmentType.CENTER }),
    ...scopeLine(s).map((line) => para(line, { italics: true, align: AlignmentType.CENTER })),
  ];
}

const headingStyle = { run: { font: FONT, size: SIZE, bold: true, color: "000000" } };

export async function renderSummaryDocx(summary: Summary): Promise<Buffer> {
  const doc = new Document({
    styles: {
      default: { document: { run: { font: FONT, size: SIZE } }, heading1: headingStyle, heading2: headingStyle },
    },
    sections: [
      {
        properties: {
          page: {
            margin: {
              top: convertMillimetersToTwip(MARGINS.top),
              bottom: convertMillimetersToTwip(MARGINS.bottom),
              left: convertMillimetersToTwip(MARGINS.left),
              right: convertMillimetersToTwip(MARGINS.right),
            },
          },
        },
        children: [
          ...titleBlock(summary),
          heading(t.document.unitsHeading, HeadingLevel.HEADING_1),
          ...summary.units.flatMap((u, i) => unitSection(u, i, summary.today, sharedTaskIds(summary))),
          ...sharedSection(summary),
          ...totalsSection(summary),
          ...overdueSection(summary),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
