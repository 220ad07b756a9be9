// The briefing report (.docx) laid out as Nghị định 30/2020/NĐ-CP asks: A4, Times New Roman, the
// two-column header, number and place-date line, title and subject, a body in prose (I. results,
// II. what is behind and why, III. what carries over), signature and "Nơi nhận", page numbers at the
// top from page 2; then the annex, landscape: the chart and the task table, each task once.
import { Readable } from "node:stream";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip as mm,
  type ISectionOptions,
} from "docx";
import JSZip from "jszip";
import { formatDay, formatMonth } from "../../domain/calendar.js";
import { daysLate, doneAndOpen, groupCounts, isExtended, type Summary, type TaskSummary } from "../../domain/summary/compile.js";
import { oneLine } from "../../domain/text.js";
import { percent, summary as t } from "../../messages/vi/summary.js";
import type { ReportHead } from "./head.js";

const FONT = "Times New Roman";
/** Half-points. */
const PT = (n: number) => n * 2;
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10) };
const A4 = { width: 11906, height: 16838 }; // twips, as Word writes A4
const PORTRAIT_TEXT = 210 - 30 - 15;
const LANDSCAPE_TEXT = 297 - 30 - 15;
/** Items each part of section II lists before pointing to the annex. */
const LIST_MAX = 10;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
interface Run {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}
interface ParaOpts extends Run {
  align?: Align;
  indent?: boolean;
  after?: number;
  before?: number;
}

/** Text as Word takes it: XML 1.0 forbids most control characters and lone surrogates, and Word refuses a file with one. */
const wordText = (text: string) => text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\p{Cs}]/gu, "");

function para(text: string, o: ParaOpts = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    indent: o.indent ? { firstLine: mm(12.7) } : undefined,
    spacing: { before: o.before ?? 0, after: o.after ?? 120, line: 288 },
    children: [new TextRun({ text: wordText(text), bold: o.bold, italics: o.italics, size: PT(o.size ?? 14) })],
  });
}

const centre = (text: string, o: Run = {}) => para(text, { ...o, align: AlignmentType.CENTER, after: 0 });

/** A short centred rule under a heading line: an empty paragraph's bottom border, narrowed by indents. */
function rule(columnMm: number, lengthMm: number): Paragraph {
  const side = mm((columnMm - lengthMm) / 2);
  return new Paragraph({ border: { bottom: LINE }, indent: { left: side, right: side }, spacing: { after: 120 }, children: [] });
}

// No cell margins: the header's lines need the column's full width to stay on one line.
function plainCell(children: Paragraph[], widthMm: number): TableCell {
  return new TableCell({ width: { size: mm(widthMm), type: WidthType.DXA }, borders: NO_BORDERS, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children });
}

function layoutTable(widthsMm: number[], rows: Paragraph[][][]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: mm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    borders: NO_BORDERS,
    rows: rows.map((cells) => new TableRow({ children: cells.map((c, i) => plainCell(c, widthsMm[i]!)) })),
  });
}

const HEAD_COLS = [72, PORTRAIT_TEXT - 72];

function dateParts(day: string) {
  const [year, month, d] = day.split("-");
  return { day: d!, month: month!, year: year! };
}

/** Agency | nation, then number | place and date. */
function headerTable(s: Summary, head: ReportHead): Table {
  const left = [
    ...(head.parentBody ? [centre(head.parentBody.toUpperCase(), { size: 13 })] : []),
    centre(head.issuingBody.toUpperCase(), { bold: true, size: 13 }),
    rule(HEAD_COLS[0]!, 25),
  ];
  const right = [centre(t.document.nation, { bold: true, size: 12 }), centre(t.document.motto, { bold: true, size: 13 }), rule(HEAD_COLS[1]!, 60)];
  const number = head.numberSuffix ? t.document.number(head.numberSuffix) : t.document.numberNoSuffix;
  const date = t.document.placeDate(head.place, dateParts(s.today));
  return layoutTable(HEAD_COLS, [
    [left, right],
    [[centre(number, { size: 13 })], [centre(date, { italics: true, size: 14 })]],
  ]);
}

function titleBlock(s: Summary): Paragraph[] {
  const lines = [
    para(t.document.title, { bold: true, align: AlignmentType.CENTER, after: 0, before: 240 }),
    centre(t.document.subject(formatMonth(s.month)), { bold: true }),
  ];
  if (s.departmentUnits !== null) lines.push(centre(t.document.scope(s.units.length, s.departmentUnits), { italics: true }));
  return [...lines, rule(PORTRAIT_TEXT, 40)];
}

const body = (text: string) => para(text, { indent: true });
/** A task's text inside a sentence: one line, without the full stop the sentence adds itself. */
const inSentence = (text: string) => oneLine(text).replace(/[\s.;:,]+$/, "");
const heading = (text: string) => para(text, { bold: true, indent: true });
const names = (x: TaskSummary, pick: (p: TaskSummary["parts"][number]) => boolean = () => true) =>
  x.parts.filter(pick).map((p) => p.unitName).join(", ");

function resultsSection(s: Summary, head: ReportHead): Paragraph[] {
  const d = t.document;
  const out = [body(d.intro(head.department, formatDay(s.today))), heading(d.results)];
  if (s.total === 0) return [...out, body(d.none)];
  const { done, open } = doneAndOpen(s.totals);
  const x = s.totals;
  out.push(
    body(d.totals(s.total, s.parts, s.units.length)),
    body(d.done(done, percent(done, s.total), x.doneOnTime, x.doneLate)),
    body(d.open(open, percent(open, s.total), x.inProgress, x.overdue, x.blocked, x.notReported)),
    body(d.byUnit),
  );
  for (const u of s.units) {
    const c = groupCounts(u);
    const unitDone = c.doneOnTime + c.doneLate;
    out.push(body(d.unitResult(u.name, u.total, unitDone, percent(unitDone, u.total), c.overdue, c.blocked, c.notReported)));
  }
  const completed = s.tasks.filter((k) => k.group === "doneOnTime" || k.group === "doneLate").slice(0, LIST_MAX);
  if (completed.length > 0) {
    out.push(body(d.notable));
    for (const k of completed) {
      const day = k.parts.map((p) => p.part.doneOn).filter((v): v is string => v !== null).sort().at(-1);
      out.push(body(d.doneItem(inSentence(k.task.content), names(k), day ? t.doneOn(formatDay(day)) : "")));
    }
  }
  return out;
}

/** The first LIST_MAX lines, then one pointing to the annex. */
const capped = (lines: string[]) => [...lines.slice(0, LIST_MAX), ...(lines.length > LIST_MAX ? [t.document.more(lines.length - LIST_MAX)] : [])].map(body);

function behindSection(s: Summary): Paragraph[] {
  const d = t.document;
  const out = [heading(d.behind)];
  const overdue = s.overdueList.map((o) => d.overdueItem(inSentence(o.task.content), o.unitNames.join(", "), formatDay(o.task.deadline), o.daysOverdue));
  out.push(body(overdue.length ? d.overdueIntro(overdue.length) : d.noOverdue), ...capped(overdue));
  const blocked = s.blockedList.flatMap((b) => b.parts.map((p) => d.blockedItem(inSentence(b.task.content), p.unitName, oneLine(p.part.note ?? t.noReason))));
  out.push(body(blocked.length ? d.blockedIntro(s.blockedList.length) : d.noBlocked), ...capped(blocked));
  const extended = s.tasks.flatMap((k) => k.parts.filter((p) => isExtended(p.part, k.task)).map((p) => d.extensionItem(inSentence(k.task.content), p.unitName, formatDay(p.part.deadline))));
  out.push(body(extended.length ? d.extensionsIntro(extended.length) : d.noExtensions), ...capped(extended));
  const silent = s.units.filter((u) => u.groups.notReported.length > 0).map((u) => `${u.code} ${u.groups.notReported.length}`);
  if (silent.length > 0) out.push(body(d.notReported(s.parts - s.units.reduce((n, u) => n + u.total - u.groups.notReported.length, 0), silent.join(", "))));
  return out;
}

function carrySection(s: Summary): Paragraph[] {
  const { open } = doneAndOpen(s.totals);
  return [heading(t.document.carry), body(open > 0 ? t.document.carryText(open) : t.document.carryNone), body(t.document.closing)];
}

const SIGN_COLS = [80, PORTRAIT_TEXT - 80];

function signature(head: ReportHead): Table {
  const d = t.document;
  const recipients = [
    para(d.recipients, { bold: true, italics: true, size: 12, align: AlignmentType.LEFT, after: 0 }),
    ...[...head.recipients.map((r) => `- ${r}`), d.archive(head.archive)].map((r) => para(r, { size: 11, align: AlignmentType.LEFT, after: 0 })),
  ];
  const signer = [
    ...[head.signer.authority, head.signer.title].filter(Boolean).map((x) => centre(x.toUpperCase(), { bold: true })),
    ...Array.from({ length: 4 }, () => centre("")),
    centre(head.signer.name, { bold: true }),
  ];
  return layoutTable(SIGN_COLS, [[recipients, signer]]);
}

// The annex's columns, in mm, summing to the landscape text width. The deadline column holds
// "25/12/2024" in 12 pt with room to spare; the others wrap between words only.
const ANNEX_COLS = [11, 68, 50, 26, 42, 26, 29];
const CELL_MARGIN = { left: mm(1), right: mm(1), top: mm(0.5), bottom: mm(0.5) };

function cell(lines: string[], widthMm: number, o: { bold?: boolean; align?: Align } = {}): TableCell {
  return new TableCell({
    width: { size: mm(widthMm), type: WidthType.DXA },
    margins: CELL_MARGIN,
    verticalAlign: VerticalAlign.TOP,
    children: (lines.length ? lines : [""]).map((x) => para(x, { size: 12, bold: o.bold, align: o.align ?? AlignmentType.LEFT, after: 0 })),
  });
}

function deadlineLines(k: TaskSummary): string[] {
  const day = formatDay(k.task.deadline);
  return k.task.deadlineStated ? [day] : [t.document.inPeriod, day];
}

/** Responsible units with their states, then the coordinating ones. */
function unitLines(k: TaskSummary): string[] {
  const lead = k.parts.map((p) => t.document.partState(p.unitName, t.groups[p.group].toLowerCase()));
  const support = k.task.parts.filter((p) => p.role === "support").map((p) => p.unitCode);
  return [`${t.document.lead}:`, ...lead, ...(support.length ? [`${t.document.support}: ${support.join(", ")}`] : [])];
}

function remarkLines(k: TaskSummary, today: string): string[] {
  const late = Math.max(0, ...k.parts.map((p) => daysLate(p.part, today)));
  return [
    ...(late > 0 ? [t.document.overdue(late)] : []),
    ...k.parts.filter((p) => isExtended(p.part, k.task)).map((p) => t.document.extended(p.part.unitCode, formatDay(p.part.deadline))),
    ...k.parts.filter((p) => p.group === "blocked").map((p) => t.document.blocked(p.part.unitCode, oneLine(p.part.note ?? t.noReason))),
  ];
}

function resultLines(k: TaskSummary): string[] {
  const noted = k.parts.filter((p) => p.part.note && p.group !== "blocked");
  return noted.map((p) => (k.parts.length > 1 ? `${p.part.unitCode}: ${oneLine(p.part.note!)}` : oneLine(p.part.note!)));
}

/** A task's row of the annex: each column's lines and alignment. */
function rowCells(k: TaskSummary, n: number, today: string): { lines: string[]; align: "left" | "center" }[] {
  return [
    { lines: [String(n)], align: "center" },
    { lines: [oneLine(k.task.content)], align: "left" },
    { lines: unitLines(k), align: "left" },
    { lines: deadlineLines(k), align: "center" },
    { lines: resultLines(k), align: "left" },
    { lines: [t.groups[k.group]], align: "left" },
    { lines: remarkLines(k, today), align: "left" },
  ];
}

/** Marks the row the task rows replace once the document is packed. */
const ROWS_MARK = "\u27e6annex-rows\u27e7";

/** The annex table as the docx library builds it: the header row and one marked row. */
function annexTable(): Table {
  const c = t.document.columns;
  const w = ANNEX_COLS;
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [c.index, c.content, c.units, c.deadline, c.result, c.status, c.remarks].map((h, i) => cell([h], w[i]!, { bold: true, align: AlignmentType.CENTER })),
  });
  const marked = new TableRow({ children: w.map((width, i) => cell(i === 0 ? [ROWS_MARK] : [], width)) });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: mm(LANDSCAPE_TEXT), type: WidthType.DXA },
    columnWidths: w.map(mm),
    rows: [header, marked],
  });
}

const escapeXml = (text: string) => wordText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// The task rows are written as WordprocessingML text, the same markup the library writes for a
// cell: the library builds an object tree per paragraph, which for 10,000 tasks took over 10 s and
// 800 MB. They are streamed into the zip a row at a time: as one string, 10,000 rows are 37 MB of
// UTF-8 and twice that in memory, held several times over while the zip is written.
const CELL_PR = (widthTwips: number) =>
  `<w:tcPr><w:tcW w:type="dxa" w:w="${widthTwips}"/><w:tcMar><w:top w:type="dxa" w:w="${CELL_MARGIN.top}"/><w:left w:type="dxa" w:w="${CELL_MARGIN.left}"/><w:bottom w:type="dxa" w:w="${CELL_MARGIN.bottom}"/><w:right w:type="dxa" w:w="${CELL_MARGIN.right}"/></w:tcMar><w:vAlign w:val="top"/></w:tcPr>`;
const paraXml = (text: string, align: string) =>
  `<w:p><w:pPr><w:spacing w:after="0" w:before="0" w:line="288"/><w:jc w:val="${align}"/></w:pPr><w:r><w:rPr><w:sz w:val="${PT(12)}"/><w:szCs w:val="${PT(12)}"/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

const ANNEX_CELL_PR = ANNEX_COLS.map((w) => CELL_PR(mm(w)));

function rowXml(k: TaskSummary, n: number, today: string): string {
  const cells = rowCells(k, n, today).map((c, j) => `<w:tc>${ANNEX_CELL_PR[j]}${(c.lines.length ? c.lines : [""]).map((l) => paraXml(l, c.align)).join("")}</w:tc>`);
  return `<w:tr>${cells.join("")}</w:tr>`;
}

/** document.xml as UTF-8 chunks: the packed document's own text around the task rows, a row a chunk. */
function* documentXml(before: string, s: Summary, after: string): Generator<Buffer> {
  yield Buffer.from(before);
  for (const [i, k] of s.tasks.entries()) yield Buffer.from(rowXml(k, i + 1, s.today));
  yield Buffer.from(after);
}

const DOCUMENT = "word/document.xml";

/** The packed document with its marked row replaced by the task rows, deflated as they are written. */
async function fillAnnexRows(packed: Buffer, s: Summary): Promise<Buffer> {
  const zip = await JSZip.loadAsync(packed);
  const xml = await zip.file(DOCUMENT)!.async("string");
  const mark = xml.indexOf(ROWS_MARK);
  const start = xml.lastIndexOf("<w:tr>", mark);
  const end = xml.indexOf("</w:tr>", mark) + "</w:tr>".length;
  zip.file(DOCUMENT, Readable.from(documentXml(xml.slice(0, start), s, xml.slice(end))));
  // JSZip deflates the stream's chunks as they come; without `streamFiles` it holds an entry's
  // deflated bytes until its sizes are known, so the zip keeps the plain layout (sizes in the local
  // headers, no data descriptors) that every reader knows.
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function chartParagraph(png: Uint8Array): Paragraph {
  const size = pngSize(png);
  const width = 400; // px at 96 dpi: about 106 mm, leaving room for the table's first rows
  const height = Math.round((size.height / size.width) * width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [new ImageRun({ type: "png", data: png, transformation: { width, height } })],
  });
}

function annex(s: Summary, head: ReportHead, chart: Uint8Array | null): (Paragraph | Table)[] {
  const d = t.document;
  return [
    centre(d.annex, { bold: true }),
    centre(d.annexTitle(formatMonth(s.month)), { bold: true }),
    centre(d.annexRef(head.numberSuffix, formatDay(s.today)), { italics: true }),
    para("", { after: 0 }),
    ...(chart ? [chartParagraph(chart)] : []),
    annexTable(),
  ];
}

const pageNumberHeader = () =>
  new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: PT(13) })] })] });

/** The report as .docx bytes; `chart` is the summary's PNG, placed at the head of the annex. */
export async function reportDocx(s: Summary, head: ReportHead, chart: Uint8Array | null): Promise<Buffer> {
  const main: ISectionOptions = {
    properties: { titlePage: true, page: { size: A4, margin: MARGIN } },
    // Page numbers from page 2: the first page's header is empty.
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children: [headerTable(s, head), ...titleBlock(s), ...resultsSection(s, head), ...behindSection(s), ...carrySection(s), para(""), signature(head)],
  };
  const annexSection: ISectionOptions = {
    properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } },
    headers: { default: pageNumberHeader() },
    children: annex(s, head, chart),
  };
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [main, annexSection],
  });
  return fillAnnexRows(await Packer.toBuffer(doc), s);
}
