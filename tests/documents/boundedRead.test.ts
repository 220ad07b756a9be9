// An uploaded notice read under limits: a zip bomb is refused before anything inflates it, a real
// Word notice and a plain text notice read as before, a broken .docx is named as such.
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { readNoticeBounded } from "../../src/documents/boundedRead.js";
import { buildZip } from "../support/zip.js";

describe("readNoticeBounded", () => {
  it("refuses a .docx that would inflate to 300 MB, as too_big", async () => {
    const bomb = await buildZip([{ name: "word/document.xml", content: Buffer.alloc(1024 * 1024, "0"), repeat: 300 }]);
    const result = await readNoticeBounded("thong-bao.docx", bomb);
    expect(result).toMatchObject({ ok: false, reason: "too_big" });
  }, 60_000);

  it("reads a Word notice in a worker, and plain text", async () => {
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [
      new Paragraph("THÔNG BÁO Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 11/2024"),
      new Paragraph("- Khẩn trương hoàn thành Kế hoạch năm 2025 trước ngày 25/12/2024."),
    ] }] })));
    const read = await readNoticeBounded("thong-bao.docx", docx);
    expect(read.ok && read.text).toContain("trước ngày 25/12/2024");
    expect(await readNoticeBounded("tb.txt", Buffer.from("Thông báo kết luận"))).toEqual({ ok: true, text: "Thông báo kết luận" });
  });

  it("names a broken .docx as not_docx, not as a crash", async () => {
    const broken = await buildZip([{ name: "hello.txt", content: Buffer.from("không phải Word") }]);
    expect(await readNoticeBounded("thong-bao.docx", broken)).toMatchObject({ ok: false, reason: "not_docx" });
  });
});
