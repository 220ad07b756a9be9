// The briefing report's .docx read back from its XML (fonts, sizes, margins, orientation, page
// numbers, header table) and the register's .xlsx read back with exceljs.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/documents/report/build.js";
import { reportHead } from "../../src/documents/report/head.js";
import { parseOrg } from "../../src/domain/org.js";
import { compileSummary } from "../../src/domain/summary/compile.js";
import type { TaskView } from "../../src/domain/types.js";
import { summary as t } from "../../src/messages/index.js";

const org = parseOrg(readFileSync("org/skhcn-quang-ngai.json", "utf8"));
const part = (taskId: number, unitCode: string, over: Partial<TaskView["parts"][number]> = {}) => ({
  id: taskId * 10 + unitCode.length, taskId, unitCode, role: "lead" as const, content: "", deadline: "2024-12-20", deadlineStated: true,
  status: "open" as const, note: null, doneOn: null, reported: false, ...over,
});
const tasks: TaskView[] = [
  { id: 1, content: "Xây dựng kế hoạch triển khai Thông báo số 4533/TB-BKHCN", deadline: "2024-12-20", deadlineStated: true,
    parts: [part(1, "QLKH", { status: "blocked", note: "Chưa bố trí được kinh phí" }), part(1, "HCTH", { status: "done", doneOn: "2024-12-10" }), { ...part(1, "TTRA"), role: "support" }] },
  { id: 2, content: "Hoàn thành các cuộc thanh tra theo Kế hoạch", deadline: "2024-12-20", deadlineStated: false, parts: [part(2, "TTRA", { deadline: "2024-12-30" })] },
  { id: 3, content: "Báo cáo kết quả nghiệm thu", deadline: "2024-12-15", deadlineStated: true, parts: [part(3, "QLCN")] },
];
const summary = compileSummary({ month: "2024-12", today: "2024-12-27", units: org.units, tasks });

async function docxXml() {
  const zip = await JSZip.loadAsync(await buildReport("docx", { summary, head: reportHead(org), events: {} }));
  const file = (name: string) => zip.file(name)!.async("string");
  const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map(file));
  return { document: await file("word/document.xml"), styles: await file("word/styles.xml"), headers };
}

describe("the briefing report (.docx)", () => {
  it("is A4 in Times New Roman with Nghị định 30's margins, the annex landscape", async () => {
    const { document, styles } = await docxXml();
    expect(styles).toMatch(/w:rFonts w:ascii="Times New Roman"/);
    const sizes = [...document.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]!);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toMatch(/w:w="11906" w:h="16838"/);
    expect(sizes[1]).toMatch(/w:w="16838" w:h="11906" w:orient="landscape"/);
    for (const m of document.matchAll(/<w:pgMar ([^>]*)\/>/g)) {
      const mm = (k: string) => Math.round(Number(new RegExp(`w:${k}="(\\d+)"`).exec(m[1]!)![1]) / (1440 / 25.4));
      expect(mm("top")).toBeGreaterThanOrEqual(20); expect(mm("top")).toBeLessThanOrEqual(25);
      expect(mm("bottom")).toBeGreaterThanOrEqual(20); expect(mm("bottom")).toBeLessThanOrEqual(25);
      expect(mm("left")).toBeGreaterThanOrEqual(30); expect(mm("left")).toBeLessThanOrEqual(35);
      expect(mm("right")).toBeGreaterThanOrEqual(15); expect(mm("right")).toBeLessThanOrEqual(20);
    }
  });

  it("numbers pages at the top from page 2 (a different, empty first-page header)", async () => {
    const { document, headers } = await docxXml();
    expect(document).toContain("<w:titlePg/>");
    expect(headers.some((h) => /PAGE/.test(h) && /w:jc w:val="center"/.test(h))).toBe(true);
    expect(headers.some((h) => !/PAGE/.test(h))).toBe(true);
  });

  it("has the two-column header, number, place and date, title, signature and recipients", async () => {
    const { document } = await docxXml();
    const run = (text: string) => new RegExp(`<w:r><w:rPr>((?!</w:rPr>).)*</w:rPr><w:t xml:space="preserve">${text.replace(/[.()]/g, "\\$&")}</w:t>`).exec(document)?.[0] ?? "";
    const firstTable = document.slice(document.indexOf("<w:tbl>"), document.indexOf("</w:tbl>"));
    for (const text of ["UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", t.document.nation, t.document.motto, "Số:        /BC-SKHCN", "Quảng Ngãi, ngày 27 tháng 12 năm 2024"]) {
      expect(firstTable).toContain(text);
    }
    expect(run("SỞ KHOA HỌC VÀ CÔNG NGHỆ")).toContain("<w:b/>");
    expect(run(t.document.nation)).toMatch(/<w:b\/>.*w:sz w:val="24"/);
    expect(run(t.document.motto)).toMatch(/<w:b\/>.*w:sz w:val="26"/);
    expect(run("Quảng Ngãi, ngày 27 tháng 12 năm 2024")).toContain("<w:i/>");
    expect(run(t.document.title)).toContain("<w:b/>");
    expect(run(t.document.recipients)).toMatch(/<w:b\/><w:bCs\/><w:i\/>.*w:sz w:val="24"/);
    expect(run("- Lưu: VT, HCTH.")).toContain('w:sz w:val="22"');
    for (const text of ["TL. GIÁM ĐỐC", "TP. HÀNH CHÍNH - TỔNG HỢP", "Trần Văn Quang"]) expect(run(text)).toContain("<w:b/>");
    for (const text of [t.document.results, t.document.behind, t.document.carry, t.document.annex]) expect(document).toContain(text);
  });

  it("has the annex table, each task once, with the chart above it and fixed column widths", async () => {
    const { document } = await docxXml();
    const annex = document.slice(document.indexOf(t.document.annex));
    expect(annex).toContain("<pic:pic");
    for (const c of Object.values(t.document.columns)) expect(annex).toContain(`>${c}<`);
    expect(annex.split("Xây dựng kế hoạch triển khai Thông báo số 4533/TB-BKHCN").length - 1).toBe(1);
    expect(annex).toContain('<w:tblLayout w:type="fixed"/>');
    expect(annex).toContain("Chưa bố trí được kinh phí");
    expect(annex).toContain(t.document.extended("TTRA", "30/12/2024"));
  });
});

/** The text of each run of `xml`, unescaped, or the first way it is not well-formed XML 1.0 (saxes is exceljs's strict parser). */
function xmlTexts(xml: string): { texts: string[]; error: string | null } {
  const parser = new SaxesParser();
  const texts: string[] = [];
  let error: string | null = null;
  parser.on("error", (e) => (error ??= e.message));
  parser.on("text", (text) => texts.push(text));
  parser.write(xml).close();
  return { texts, error };
}

describe("the briefing report's text", () => {
  // What a secretary pastes or a unit types: markup characters, quotes, emoji, and control
  // characters (from a copied PDF or spreadsheet) that XML forbids and Word refuses a file for.
  const hostile = {
    content: 'Rà soát "Quy chế" <số 5/2024> & \'Kế hoạch\' 😀 của Sở\u0001 Tài\u0007 chính\uFFFE\uD800',
    blocked: "Chờ <UBND> & \"Sở Tài chính\" trả lời\u0008",
    result: "Đã gửi báo cáo ✅ R&D\u001F",
  };
  const clean = {
    content: 'Rà soát "Quy chế" <số 5/2024> & \'Kế hoạch\' 😀 của Sở Tài chính',
    blocked: 'Chờ <UBND> & "Sở Tài chính" trả lời',
    result: "Đã gửi báo cáo ✅ R&D",
  };
  const hostileTasks: TaskView[] = [
    { id: 1, content: hostile.content, deadline: "2024-12-10", deadlineStated: true,
      parts: [part(1, "QLKH", { status: "blocked", note: hostile.blocked }), part(1, "HCTH", { status: "done", doneOn: "2024-12-09", note: hostile.result }), part(1, "QLCN")] },
  ];
  const hostileSummary = compileSummary({ month: "2024-12", today: "2024-12-27", units: org.units, tasks: hostileTasks });

  it("is well-formed XML with markup escaped and control characters dropped, in the prose and the annex", async () => {
    const zip = await JSZip.loadAsync(await buildReport("docx", { summary: hostileSummary, head: reportHead(org), events: {} }));
    const { texts, error } = xmlTexts(await zip.file("word/document.xml")!.async("string"));
    expect(error).toBeNull();
    const annex = texts.slice(texts.indexOf(t.document.annex));
    expect(annex).toContain(clean.content);
    expect(annex).toContain(`HCTH: ${clean.result}`);
    expect(annex).toContain(t.document.blocked("QLKH", clean.blocked));
    const prose = texts.slice(0, texts.indexOf(t.document.annex)).join("\n");
    expect(prose).toContain(t.document.blockedItem(clean.content, "Phòng Quản lý Khoa học", clean.blocked));
    expect(prose).toContain(clean.content);
  });
});

describe("the register (.xlsx)", () => {
  it("has the columns, a frozen header with filters, and one row per task and unit part", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildReport("xlsx", { summary, head: reportHead(org), events: { 14: 3 } })) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...Object.values(t.register.columns)]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(1 + 5);
    const first = sheet.getRow(2);
    expect(first.getCell(4).value).toBe("Phòng Quản lý Khoa học");
    expect(first.getCell(10).value).toBe(t.groups.blocked);
    expect((first.getCell(6).value as Date).toISOString().slice(0, 10)).toBe("2024-12-20");
    expect(first.getCell(12).value).toBe(3);
  });
});
