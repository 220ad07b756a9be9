// A .docx is measured before it is inflated: a zip bomb is refused with a reason, a real Word file
// passes, and a central directory that understates sizes is caught while inflating under a cap.
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { checkZip } from "../../src/documents/zipGuard.js";
import { buildZip } from "../support/zip.js";

const MB = 1024 * 1024;
const zeros = Buffer.alloc(MB, "0");

describe("zip guard", () => {
  it("refuses a ~0.4 MB .docx whose document.xml inflates to 400 MB before inflating it", async () => {
    const bomb = await buildZip([
      { name: "[Content_Types].xml", content: Buffer.from("<Types/>") },
      { name: "word/document.xml", content: zeros, repeat: 400 },
    ]);
    expect(bomb.length).toBeLessThan(MB);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    expect(checkZip(bomb)).toEqual({ ok: false, refusal: { reason: "too_big", bytes: 400 * MB + 8, declared: true } });
    expect(Date.now() - started).toBeLessThan(100);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * MB);
  }, 60_000);

  it("catches a directory that declares 1 KB for 300 MB, stopping at the cap", async () => {
    const liar = await buildZip([{ name: "word/document.xml", content: zeros, repeat: 300, declaredSize: 1024 }]);
    const before = process.memoryUsage().rss;
    const result = checkZip(liar);
    expect(result).toMatchObject({ ok: false, refusal: { reason: "too_big", declared: false } });
    expect(process.memoryUsage().rss - before).toBeLessThan(80 * MB);
  }, 60_000);

  it("refuses more than 2,000 entries", async () => {
    const many = await buildZip(Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}.xml`, content: Buffer.from("x") })));
    expect(checkZip(many)).toEqual({ ok: false, refusal: { reason: "too_many_entries", entries: 2001 } });
  });

  it("passes a real Word document and says a non-zip is not a zip", async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Thông báo kết luận")] }] }));
    const result = checkZip(Buffer.from(docx));
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.entries).toBeGreaterThan(5);
    expect(checkZip(Buffer.from("Thông báo kết luận, văn bản thường"))).toMatchObject({ ok: false, refusal: { reason: "not_a_zip" } });
  });
});
