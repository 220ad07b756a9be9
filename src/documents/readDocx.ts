// Turns an uploaded notice (.docx or plain text) into text for parseNotice. A file that cannot be
// read throws a NoticeFileError whose `kind` says which answer the user gets; its message is plain
// English, for the log.
//
// A .docx is read from its XML, not through a text extractor, because the outline of a notice is
// usually Word's automatic numbering: the "1.", "a)", "-" a reader sees are not in the text but in
// numbering.xml, so they are worked out here from each paragraph's w:numPr (or its style's) and
// written before the paragraph. Paragraphs are separated by a blank line; a table's rows are lines
// of tab-separated cells (a cell's paragraphs joined by spaces), the form parseNotice reads. Text
// boxes are read once, where they are anchored (BodyReader). Page headers and footers are not read:
// a notice's letterhead is in its body.
import JSZip from "jszip";
import { wordNumbering, type Numbering } from "./wordNumbering.js";

export class NoticeFileError extends Error {
  constructor(
    readonly kind: "not_docx" | "unreadable",
    message: string,
  ) {
    super(message);
  }
}

export class NotADocxError extends NoticeFileError {
  constructor(message = "not a .docx file") {
    super("not_docx", message);
    this.name = "NotADocxError";
  }
}

export class UnreadableFileError extends NoticeFileError {
  constructor(message: string) {
    super("unreadable", message);
    this.name = "UnreadableFileError";
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function isZip(buffer: Buffer): boolean {
  return buffer.subarray(0, 4).equals(ZIP_MAGIC);
}

export async function readDocxText(buffer: Buffer): Promise<string> {
  if (!isZip(buffer)) throw new NotADocxError();
  let parts: { document: string; numbering: string; styles: string };
  try {
    const zip = await JSZip.loadAsync(buffer);
    const read = (name: string) => zip.file(name)?.async("string") ?? Promise.resolve("");
    parts = { document: await read("word/document.xml"), numbering: await read("word/numbering.xml"), styles: await read("word/styles.xml") };
  } catch (cause) {
    // A truncated upload, or a zip that is no zip after all.
    throw new NotADocxError(`not a readable .docx: ${(cause as Error).message}`);
  }
  // A zip without a Word body: an .xlsx, a plain archive.
  if (!parts.document.includes("<w:body")) throw new NotADocxError("not a readable .docx: no word/document.xml");
  return documentText(parts.document, wordNumbering(parts.numbering, parts.styles));
}

const TAG = /<(\/?)(w:p|w:tbl|w:tr|w:tc|w:t|w:tab|w:br|w:cr|w:numPr|w:ilvl|w:numId|w:pStyle|w:gridSpan|w:vMerge|mc:Fallback)\b([^>]*?)(\/?)>|([^<]+)/g;
const VAL = /\bw:val="([^"]*)"/;

interface Para {
  text: string;
  numId: string | null;
  ilvl: number;
  style: string | null;
}

/**
 * The rows of a table, cell by cell. A cell merged down from the one above (w:vMerge, as a unit
 * named once for several tasks) repeats that cell's text, as the reader sees it span the rows.
 */
class Rows {
  private cells: string[][] = [];
  private col = 0;
  private cellCol = 0;
  private span = 1;
  private merge: string | null = null;
  private readonly mergedFrom = new Map<number, string[]>();

  openCell(): void {
    this.cells.push([]);
    this.cellCol = this.col;
    this.span = 1;
    this.merge = null;
  }

  paragraph(text: string): void {
    this.cells.at(-1)?.push(text);
  }

  gridSpan(n: number): void {
    this.span = Math.max(1, n);
  }

  /** `val`: "restart" opens a merged cell, anything else (or none) continues it. */
  vMerge(val: string | null): void {
    this.merge = val ?? "continue";
  }

  closeCell(): void {
    const cell = this.cells.at(-1)!;
    if (this.merge === "restart") this.mergedFrom.set(this.cellCol, [...cell]);
    else if (this.merge) cell.splice(0, cell.length, ...(this.mergedFrom.get(this.cellCol) ?? []));
    this.col += this.span;
  }

  /** The row's text; a row of one cell (a merged title row) ends with a tab, to stay a row. */
  closeRow(): string {
    const texts = this.cells.map((c) => c.filter(Boolean).join(" ").replace(/\s+/g, " "));
    this.cells = [];
    this.col = 0;
    return texts.length === 1 ? `${texts[0]}\t` : texts.join("\t");
  }
}

/** The body's paragraphs and tables in order, as parseNotice reads them. */
function documentText(xml: string, numbering: Numbering): string {
  const body = new BodyReader(numbering);
  for (const m of xml.matchAll(TAG)) {
    const [, close, name, attrs = "", selfClosing, chars] = m;
    if (chars !== undefined) body.chars(chars);
    else body.tag(name!, !close && !selfClosing, !!close, VAL.exec(attrs)?.[1] ?? null);
  }
  return body.text();
}

/**
 * document.xml's tags in order, gathered into paragraphs and table rows. A text box (w:txbxContent,
 * in a w:drawing or a VML v:textbox) is read where it is anchored, its paragraphs before the
 * paragraph that holds it (whose own text goes on around it), so a letterhead typed in text boxes
 * comes before "THÔNG BÁO". Word writes a text box twice, mc:Choice and an mc:Fallback copy for
 * older readers: the copy is skipped.
 */
class BodyReader {
  private readonly blocks: { text: string; row: boolean }[] = [];
  private rows = new Rows();
  /** The paragraphs open: a text box's paragraph inside the one that anchors it. */
  private readonly paras: Para[] = [];
  private inText = false;
  private inNumPr = false;
  private tables = 0;
  private fallback = 0;

  constructor(private readonly numbering: Numbering) {}

  chars(text: string): void {
    const para = this.paras.at(-1);
    if (this.inText && para && !this.fallback) para.text += decodeXml(text);
  }

  tag(name: string, opens: boolean, closes: boolean, val: string | null): void {
    if (name === "mc:Fallback") this.fallback += opens ? 1 : closes ? -1 : 0;
    else if (!this.fallback && !this.paragraphTag(name, opens, closes, val)) this.tableTag(name, opens, closes, val);
  }

  /** A paragraph's own tags; false for any other. */
  private paragraphTag(name: string, opens: boolean, closes: boolean, val: string | null): boolean {
    const para = this.paras.at(-1);
    if (name === "w:p" && opens) this.paras.push({ text: "", numId: null, ilvl: 0, style: null });
    else if (name === "w:p" && closes && para) this.endParagraph(this.paras.pop()!);
    else if (name === "w:t") this.inText = opens;
    else if ((name === "w:tab" || name === "w:br" || name === "w:cr") && para) para.text += " ";
    else if (name === "w:numPr") this.inNumPr = opens;
    else if (name === "w:ilvl" && this.inNumPr && para) para.ilvl = Number(val ?? 0);
    else if (name === "w:numId" && this.inNumPr && para) para.numId = val;
    else if (name === "w:pStyle" && para) para.style = val;
    else return false;
    return true;
  }

  private endParagraph(para: Para): void {
    const marker = this.numbering.marker(para.numId, para.ilvl, para.style);
    const text = `${marker ? `${marker} ` : ""}${para.text}`.trim();
    // Inside a table (nested ones flattened into their outer cell) a paragraph is part of a cell.
    if (this.tables > 0) this.rows.paragraph(text);
    else this.blocks.push({ text, row: false });
  }

  private tableTag(name: string, opens: boolean, closes: boolean, val: string | null): void {
    if (name === "w:tbl" && opens && ++this.tables === 1) this.rows = new Rows();
    else if (name === "w:tbl" && closes) this.tables--;
    else if (this.tables !== 1) return; // a nested table's cells are text of its outer cell
    else if (name === "w:tc" && opens) this.rows.openCell();
    else if (name === "w:tc" && closes) this.rows.closeCell();
    else if (name === "w:gridSpan") this.rows.gridSpan(Number(val ?? 1));
    else if (name === "w:vMerge") this.rows.vMerge(val);
    else if (name === "w:tr" && closes) this.blocks.push({ text: this.rows.closeRow(), row: true });
  }

  text(): string {
    return this.blocks
      .filter((b) => b.text)
      .map((b, i, all) => (i === 0 ? "" : b.row && all[i - 1]!.row ? "\n" : "\n\n") + b.text)
      .join("");
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] !== "#") return ENTITIES[e] ?? all;
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

/**
 * Chooses by content, not by `name`: a Word file renamed .txt, or text saved as .docx, still reads.
 * Unreadable under a .docx name, it is a broken Word file, and is said so.
 */
export async function readNoticeFile(name: string, buffer: Buffer): Promise<string> {
  if (isZip(buffer)) return readDocxText(buffer);
  try {
    return decodeText(name, buffer);
  } catch (e) {
    if (e instanceof UnreadableFileError && /\.docx$/i.test(name)) throw new NotADocxError(`${name}: ${e.message}`);
    throw e;
  }
}

/** UTF-8 (BOM stripped); UTF-16 only with its BOM, as Windows Notepad writes it. */
function decodeText(name: string, buffer: Buffer): string {
  if (buffer.length === 0) throw new UnreadableFileError(`${name}: empty file`);
  const utf16 = utf16Encoding(buffer);
  if (utf16) return new TextDecoder(utf16).decode(buffer);
  if (buffer.includes(0)) throw new UnreadableFileError(`${name}: binary content (NUL bytes)`);
  const text = new TextDecoder("utf-8").decode(buffer); // drops a BOM
  const bad = text.match(/\uFFFD/g)?.length ?? 0;
  // One stray byte is tolerated; a legacy encoding (TCVN3, Windows-1258) produces many.
  if (bad > Math.max(2, text.length / 1000)) throw new UnreadableFileError(`${name}: not UTF-8 text`);
  return text;
}

function utf16Encoding(buffer: Buffer): "utf-16le" | "utf-16be" | null {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return "utf-16le";
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return "utf-16be";
  return null;
}
