// Turns an uploaded notice (.docx or plain text) into text for parseNotice. A file that cannot be
// read throws a NoticeFileError whose `kind` says which answer the user gets; its message is plain
// English, for the log.
import mammoth from "mammoth";

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
  try {
    return (await mammoth.extractRawText({ buffer })).value;
  } catch (cause) {
    // A zip that is not a Word document (an .xlsx, a plain archive, a truncated upload).
    throw new NotADocxError(`not a readable .docx: ${(cause as Error).message}`);
  }
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
