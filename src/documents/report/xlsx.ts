// The register as a spreadsheet: the annex's columns plus dates and history counts, one row per
// task and unit part (responsible and coordinating), a frozen header row and filters.
import ExcelJS from "exceljs";
import { classifyPart, daysLate, isExtended, type Summary } from "../../domain/summary/compile.js";
import { oneLine } from "../../domain/text.js";
import { roleLabel } from "../../messages/vi/tasks.js";
import { summary as t } from "../../messages/vi/summary.js";

const DATE_FORMAT = "dd/mm/yyyy";
/** Column keys in order, with widths in characters. */
const COLUMNS = [
  ["index", 6],
  ["task", 10],
  ["content", 60],
  ["unit", 32],
  ["role", 10],
  ["deadline", 12],
  ["extended", 12],
  ["doneOn", 14],
  ["result", 40],
  ["status", 24],
  ["remarks", 30],
  ["events", 10],
] as const;

const asDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

/** The register's bytes; `events` counts each part's history entries (absent: 0). */
export async function registerXlsx(s: Summary, events: Record<number, number>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t.register.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([key, width]) => ({ key, width, header: t.register.columns[key] }));
  const names = new Map(s.units.map((u) => [u.code, u.name]));
  let n = 0;
  for (const k of s.tasks) {
    for (const part of k.task.parts) {
      const group = classifyPart(part, s.today);
      const late = daysLate(part, s.today);
      const remarks = [
        ...(late > 0 ? [t.document.overdue(late)] : []),
        ...(group === "blocked" ? [t.document.blocked(part.unitCode, oneLine(part.note ?? t.noReason))] : []),
      ];
      sheet.addRow({
        index: ++n,
        task: k.task.id,
        content: oneLine(k.task.content),
        unit: names.get(part.unitCode) ?? part.unitCode,
        role: roleLabel[part.role],
        deadline: asDate(k.task.deadline),
        extended: isExtended(part, k.task) ? asDate(part.deadline) : null,
        doneOn: asDate(part.doneOn),
        result: group === "blocked" ? null : part.note,
        status: group ? t.groups[group] : null,
        remarks: remarks.join("; ") || null,
        events: events[part.id] ?? 0,
      });
    }
  }
  for (const key of ["deadline", "extended", "doneOn"] as const) sheet.getColumn(key).numFmt = DATE_FORMAT;
  for (const key of ["content", "result", "remarks"] as const) sheet.getColumn(key).alignment = { wrapText: true, vertical: "top" };
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
