// Task tables: STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn, the header's words
// varying from one office to the next. One row, one task.
import { normaliseInline, unitsMentioned, type UnitIndex } from "./units.js";

/** A task as read, before its deadline is worked out; `units` null: nobody to give it to. */
export interface Draft {
  units: string[] | null;
  support: string[];
  content: string;
  /** The line as written, shown when the draft cannot be placed. */
  raw: string;
  source: string;
  /** A table's deadline cell, read without needing "trước"/"hạn". */
  deadlineCell: string | null;
}

interface Columns {
  stt: number;
  content: number;
  lead: number;
  support: number;
  deadline: number;
}

const find = (header: string[], re: RegExp, not: number[] = []) => header.findIndex((h, i) => !not.includes(i) && re.test(h));

/** The columns of a task table's header row, or null when the row is no such header. */
export function taskColumns(row: string[]): Columns | null {
  const header = row.map((c) => normaliseInline(c));
  const content = find(header, /nội dung|nhiệm vụ|công việc/);
  const support = find(header, /phối hợp/, [content]);
  const lead = [/chủ trì/, /đơn vị|cơ quan|thực hiện|phụ trách/].map((re) => find(header, re, [content, support])).find((i) => i >= 0) ?? -1;
  if (content < 0 || lead < 0) return null;
  return { stt: find(header, /^(?:stt|tt|số thứ tự)$/), content, lead, support, deadline: find(header, /thời hạn|thời gian|hạn/, [content, lead, support]) };
}

/** The rows under the header as drafts; a row with no content (a group's title row) is none. */
export function tableDrafts(index: UnitIndex, rows: string[][], cols: Columns, path: string[]): Draft[] {
  const drafts: Draft[] = [];
  for (const [i, row] of rows.entries()) {
    const content = row[cols.content] ?? "";
    if (!content || row.filter(Boolean).length < 2) continue;
    const lead = unitsMentioned(index, row[cols.lead] ?? "", true);
    const stt = (cols.stt >= 0 ? row[cols.stt] : "")?.replace(/[.)]+$/, "") || String(i + 1);
    drafts.push({
      units: lead.length ? lead : null,
      support: cols.support >= 0 ? unitsMentioned(index, row[cols.support] ?? "", true).filter((c) => !lead.includes(c)) : [],
      content,
      raw: row.join(" | "),
      source: [...path, `#${stt}`].join("."),
      deadlineCell: cols.deadline >= 0 ? (row[cols.deadline] ?? null) : null,
    });
  }
  return drafts;
}
