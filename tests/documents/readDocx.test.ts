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

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}<w:r><w:t>${text}</w:t></w:r></w:p>`;

/** The text of a Word file made of `body` (document.xml's body), numbering.xml's and styles.xml's content. */
async function wordText(body: string, numbering = "", styles = ""): Promise<string> {
  const zip = new JSZip();
  zip.file("word/document.xml", `<w:document ${W}><w:body>${body}</w:body></w:document>`);
  zip.file("word/numbering.xml", `<w:numbering ${W}>${numbering}</w:numbering>`);
  zip.file("word/styles.xml", `<w:styles ${W}>${styles}</w:styles>`);
  return readDocxText(await zip.generateAsync({ type: "nodebuffer" }));
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
    const styled = (style: string, text: string) => para(text, `<w:pStyle w:val="${style}"/>`);
    const text = await wordText(
      `${styled("ListNumber", "Sở Tài chính:")}${styled("ListBullet", "Việc một.")}${styled("ListNumber", "Sở Xây dựng:")}`,
      `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`,
      `<w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
        `<w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>`,
    );
    expect(text).toBe("1. Sở Tài chính:\n\n• Việc một.\n\n2. Sở Xây dựng:");
  });

  describe("counts as Word does across list instances", () => {
    const lvl = (ilvl: number, format: string, text: string) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const outline = `<w:abstractNum w:abstractNumId="0">${lvl(0, "decimal", "%1.")}${lvl(1, "lowerLetter", "%2)")}</w:abstractNum>`;
    const num = (numId: number, abstractId: number, overrides = "") => `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
    const restart = (ilvl: number, start: number) => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`;
    const read = (paragraphs: [number | null, string, number?][], numbering: string, styles = "") =>
      wordText(paragraphs.map(([numId, text, ilvl = 0]) => para(text, numId === null ? "" : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`)).join(""), numbering, styles);

    it("goes on across lists that share an abstract definition (a list typed in two pieces)", async () => {
      const text = await read([[1, "Sở Tài chính:"], [1, "Sở Xây dựng:"], [null, "Đoạn văn chen giữa."], [2, "Sở Y tế:"], [2, "Sở Nội vụ:"]], outline + num(1, 0) + num(2, 0));
      expect(text.split("\n\n")).toEqual(["1. Sở Tài chính:", "2. Sở Xây dựng:", "Đoạn văn chen giữa.", "3. Sở Y tế:", "4. Sở Nội vụ:"]);
    });

    it("restarts where a list overrides its start, and the lists after it go on from there", async () => {
      const numbering = outline + num(1, 0) + num(2, 0, restart(0, 1)) + num(3, 0, restart(0, 5));
      const text = await read([[1, "Một."], [1, "Hai."], [2, "Lại một."], [2, "Tiếp.", 1], [1, "Tiếp theo."], [3, "Từ năm."]], numbering);
      expect(text.split("\n\n")).toEqual(["1. Một.", "2. Hai.", "1. Lại một.", "a) Tiếp.", "2. Tiếp theo.", "5. Từ năm."]);
    });

    it("takes a level a list redefines, and the definition a list style links to", async () => {
      const linked = `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="DanhMuc"/></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:styleLink w:val="DanhMuc"/>${lvl(0, "upperRoman", "%1.")}</w:abstractNum>`;
      const redefined = `<w:lvlOverride w:ilvl="0">${lvl(0, "decimal", "(%1)")}</w:lvlOverride>`;
      const styles = `<w:style w:type="numbering" w:styleId="DanhMuc"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>`;
      const numbering = outline + linked + num(1, 0) + num(4, 0, redefined) + num(7, 2) + num(8, 1);
      const text = await read([[8, "ĐÁNH GIÁ"], [4, "Phòng A:"], [1, "Phòng B:"], [8, "NHIỆM VỤ"]], numbering, styles);
      expect(text.split("\n\n")).toEqual(["I. ĐÁNH GIÁ", "(1) Phòng A:", "2. Phòng B:", "II. NHIỆM VỤ"]);
    });
  });

  it("reads the fixtures' Word files: lists that go on or restart, a letterhead in text boxes", async () => {
    const source = [
      "@list outline decimal:%1. lowerLetter:%2)",
      "@box UBND TỈNH // SỞ XÂY DỰNG",
      "{outline:0} Phòng Quản lý nhà:",
      "{outline:1} Việc một.",
      "Đoạn văn chen giữa.",
      "{outline~2:0} Phòng Kinh tế xây dựng:",
      "{outline@3:0} Lại từ đầu.",
    ].join("\n");
    expect((await readDocxText(await buildDocx(source))).split("\n\n")).toEqual([
      "UBND TỈNH",
      "SỞ XÂY DỰNG",
      "1. Phòng Quản lý nhà:",
      "a) Việc một.",
      "Đoạn văn chen giữa.",
      "2. Phòng Kinh tế xây dựng:",
      "1. Lại từ đầu.",
    ]);
  });

  describe("text boxes", () => {
    const box = (...lines: string[]) => `<w:txbxContent>${lines.map((l) => para(l)).join("")}</w:txbxContent>`;
    /** A text box as Word writes it: a DrawingML shape, and a VML copy for older readers. */
    const drawn = (...lines: string[]) =>
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>${box(...lines)}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape><v:textbox>${box(...lines)}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;

    it("reads a letterhead typed in text boxes once, before the paragraph that anchors it", async () => {
      const header = `<w:p>${drawn("UBND TỈNH QUẢNG NGÃI", "SỞ TÀI CHÍNH", "-------")}${drawn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")}</w:p>`;
      const text = await wordText(header + para("Số: 9/TB-STC") + para("THÔNG BÁO"));
      expect(text.split("\n\n")).toEqual([
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ TÀI CHÍNH",
        "-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 9/TB-STC",
        "THÔNG BÁO",
      ]);
      expect(parseNotice(`${text}\n\nNgày 06/12/2024, Giám đốc Sở chủ trì cuộc họp giao ban, kết luận như sau:\n\n(3) Phòng HCTH:\n- Việc một.`, org).notice).toMatchObject({
        issuer: "SỞ TÀI CHÍNH",
        number: "9/TB-STC",
      });
    });

    it("keeps the text of a paragraph around a text box in one piece, and reads an old VML box alone", async () => {
      const vml = `<w:r><w:pict><v:shape><v:textbox>${box("Mật")}</v:textbox></v:shape></w:pict></w:r>`;
      const body = `<w:p><w:r><w:t xml:space="preserve">Ngày 04/7/2025, </w:t></w:r>${drawn("Ghi chú")}<w:r><w:t>Giám đốc chủ trì.</w:t></w:r></w:p>` + `<w:p>${vml}</w:p>`;
      expect((await wordText(body)).split("\n\n")).toEqual(["Ghi chú", "Ngày 04/7/2025, Giám đốc chủ trì.", "Mật"]);
    });
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
