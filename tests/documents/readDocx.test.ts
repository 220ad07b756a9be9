import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { NotADocxError, readDocxText, readNoticeFile, UnreadableFileError } from "../../src/documents/readDocx.js";
import { parseNotice, type NoticeOrg } from "../../src/domain/notice/parse.js";
import type { UnitInfo } from "../../src/domain/types.js";
import { buildDocx } from "../fixtures/buildDocx.js";
import { NOTICE_META } from "../support/data.js";

const units: UnitInfo[] = [
  { code: "QLKH", name: "Phòng Quản lý Khoa học", aliases: ["Phòng QLKH", "QLKH"] },
  { code: "HCTH", name: "Phòng Hành chính – Tổng hợp", aliases: ["Phòng HCTH", "HCTH", "Văn phòng Sở"] },
  { code: "TTRA", name: "Thanh tra Sở", aliases: ["Thanh tra"] },
];
const org: NoticeOrg = { units, groups: [], briefing: { every: "month" } };

const LINES = [
  "Số: /TB-SKHCN",
  "Quảng Ngãi, ngày 03 tháng 12 năm 2024",
  "THÔNG BÁO",
  "Ngày 29/11/2024, Giám đốc Sở Khoa học và Công nghệ (KH&CN) chủ trì cuộc giao ban đánh giá tình hình.",
  "2. Nhiệm vụ trọng tâm trong tháng 12 năm 2024",
  "(1) Các phòng, đơn vị chủ động triển khai các nhiệm vụ được giao, trong đó cần tập trung triển khai các nhiệm vụ sau:",
  "- Tập trung chỉ đạo tổ chức việc kiểm kê tài sản.",
  "(3) Phòng Hành chính – Tổng hợp:",
  "- Khẩn trương hoàn thành và tham mưu ban hành Kế hoạch, Chương trình công tác năm 2025 trước ngày 25/12/2024.",
  "(5) Thanh tra Sở",
  "Tổ chức thực hiện hoàn thành các cuộc thanh tra, kiểm tra theo Kế hoạch năm 2024.",
  "Nơi nhận:",
];

async function noticeDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: LINES.map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
  });
  return Packer.toBuffer(doc);
}

describe("readDocxText", () => {
  it("reads a .docx back and the text parses as a notice", async () => {
    const text = await readDocxText(await noticeDocx());
    for (const line of LINES) expect(text).toContain(line);

    const parsed = parseNotice(text, org);
    expect(parsed.notice).toEqual(NOTICE_META);
    expect(parsed.tasks.map((t) => [t.units.join(), t.deadline, t.deadlineStated])).toEqual([
      ["QLKH,HCTH,TTRA", "2024-12-31", false],
      ["HCTH", "2024-12-25", true],
      ["TTRA", "2024-12-31", false],
    ]);
    expect(parsed.unplaced).toEqual([]);
  });

  it("writes Word's automatic numbering as the markers a reader sees, restarting lower levels", async () => {
    const source = [
      "@list outline upperRoman:%1. decimal:%2. lowerLetter:%3) decimal:%2.%4.",
      "@list bullets bullet:- bullet:o bullet:\uF0B7",
      "{outline:0} NHIỆM VỤ",
      "{outline:1} Sở Tài chính:",
      "{outline:2} Việc một.",
      "{outline:2} Việc hai.",
      "{outline:1} Sở Xây dựng:",
      "{outline:2} Việc ba.",
      "{outline:3} Việc bốn.",
      "{bullets:0} Việc năm.",
      "{bullets:1} Việc sáu.",
      "{bullets:2} Việc bảy.",
      "{outline:0} KIẾN NGHỊ",
    ].join("\n");
    const text = await readDocxText(await buildDocx(source));
    expect(text.split("\n\n")).toEqual([
      "I. NHIỆM VỤ",
      "1. Sở Tài chính:",
      "a) Việc một.",
      "b) Việc hai.",
      "2. Sở Xây dựng:",
      "a) Việc ba.",
      "2.1. Việc bốn.",
      "- Việc năm.",
      "+ Việc sáu.",
      "• Việc bảy.",
      "II. KIẾN NGHỊ",
    ]);
  });

  it("numbers paragraphs whose style carries the numbering (Word's List Number, List Bullet)", async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const para = (style: string, text: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const zip = new JSZip();
    zip.file("word/document.xml", `<w:document ${W}><w:body>${para("ListNumber", "Sở Tài chính:")}${para("ListBullet", "Việc một.")}${para("ListNumber", "Sở Xây dựng:")}</w:body></w:document>`);
    zip.file(
      "word/numbering.xml",
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
    );
    zip.file(
      "word/styles.xml",
      `<w:styles ${W}><w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
        `<w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style></w:styles>`,
    );
    const text = await readDocxText(await zip.generateAsync({ type: "nodebuffer" }));
    expect(text).toBe("1. Sở Tài chính:\n\n• Việc một.\n\n2. Sở Xây dựng:");
  });

  it("writes a table's rows as lines of tab-separated cells, a merged row ending with a tab", async () => {
    const source = ["Trước bảng.", "| STT | Nội dung | Đơn vị chủ trì |", "| Nhóm A |", "| 1 | Việc &amp; <một> | Sở Tài chính |", "Sau bảng."].join("\n");
    const text = await readDocxText(await buildDocx(source));
    expect(text).toBe("Trước bảng.\n\nSTT\tNội dung\tĐơn vị chủ trì\nNhóm A\t\n1\tViệc &amp; <một>\tSở Tài chính\n\nSau bảng.");
  });

  it("repeats a cell merged down over several rows (a unit named once for several tasks), and reads across merged columns", async () => {
    const cell = (text: string, opts: { rowSpan?: number; columnSpan?: number } = {}) => new TableCell({ children: [new Paragraph(text)], ...opts });
    const table = new Table({
      rows: [
        new TableRow({ children: [cell("Nội dung"), cell("Đơn vị chủ trì"), cell("Thời hạn")] }),
        new TableRow({ children: [cell("Nhóm nhiệm vụ tài chính", { columnSpan: 3 })] }),
        new TableRow({ children: [cell("Việc một"), cell("Sở Tài chính", { rowSpan: 2 }), cell("20/12/2024")] }),
        new TableRow({ children: [cell("Việc hai"), cell("Tháng 12/2024")] }),
      ],
    });
    const text = await readDocxText(await Packer.toBuffer(new Document({ sections: [{ children: [table] }] })));
    expect(text).toBe("Nội dung\tĐơn vị chủ trì\tThời hạn\nNhóm nhiệm vụ tài chính\t\nViệc một\tSở Tài chính\t20/12/2024\nViệc hai\tSở Tài chính\tTháng 12/2024");
  });

  it.each([
    ["an empty buffer", Buffer.alloc(0)],
    ["random bytes", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
    ["a text file", Buffer.from("2. Nhiệm vụ trọng tâm trong tháng 12 năm 2024\n", "utf8")],
    ["a zip that is not a .docx", Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(64)])],
  ])("rejects %s with NotADocxError", async (_, buffer) => {
    await expect(readDocxText(buffer)).rejects.toBeInstanceOf(NotADocxError);
  });
});

describe("readNoticeFile", () => {
  it("reads a .docx by its content, whatever its name", async () => {
    const text = await readNoticeFile("thong-bao.txt", await noticeDocx());
    expect(text).toContain("(5) Thanh tra Sở");
  });

  it("decodes UTF-8 text and drops the BOM", async () => {
    const body = "(5) Thanh tra Sở\r\nTổ chức thanh tra.";
    const text = await readNoticeFile("thong-bao.docx", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, "utf8")]));
    expect(text).toBe(body);
  });

  it("calls unreadable bytes under a .docx name a broken Word file, under another name unreadable text", async () => {
    const garbage = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]);
    await expect(readNoticeFile("thong-bao.docx", garbage)).rejects.toBeInstanceOf(NotADocxError);
    await expect(readNoticeFile("thong-bao.txt", garbage)).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it("decodes UTF-16 text that carries its BOM", async () => {
    const body = "(5) Thanh tra Sở";
    const text = await readNoticeFile("a.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, "utf16le")]));
    expect(text).toBe(body);
  });

  it.each([
    ["an empty file", Buffer.alloc(0)],
    ["NUL bytes", Buffer.from("Thanh tra\0Sở", "utf8")],
    ["a legacy 8-bit encoding", Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x61 : 0xe0 + (i % 16))))],
  ])("rejects %s with UnreadableFileError", async (_, buffer) => {
    await expect(readNoticeFile("a.txt", buffer)).rejects.toBeInstanceOf(UnreadableFileError);
  });
});
