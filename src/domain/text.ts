// Plain-text helpers for chat messages.

/** `text` on one line (runs of whitespace, newlines included, become one space). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `text` cut to at most `max` characters, at a word boundary when one is near, ending with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  const end = space > max * 0.8 ? space : safeEnd(text, max - 1);
  return `${text.slice(0, end).trimEnd()}…`;
}

/** `end`, moved back one if it would split a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end);
  return code >= 0xdc00 && code <= 0xdfff ? end - 1 : end;
}

interface Piece {
  text: string;
  /** What joins it to the piece before when both go in the same part. */
  sep: string;
}

/** A line longer than `limit` in chunks of at most `limit` (the only place a line is cut). */
function hardSplit(line: string, limit: number): Piece[] {
  const pieces: Piece[] = [];
  for (let start = 0; start < line.length; ) {
    // Math.max: a limit of 1 cannot keep a surrogate pair whole, but must still move on.
    const end = line.length - start <= limit ? line.length : Math.max(start + 1, safeEnd(line, start + limit));
    pieces.push({ text: line.slice(start, end), sep: pieces.length === 0 ? "\n" : "" });
    start = end;
  }
  return pieces;
}

/** Blocks that fit whole; oversized blocks line by line; oversized lines in chunks. */
function piecesOf(text: string, limit: number): Piece[] {
  const pieces: Piece[] = [];
  for (const block of text.split(/\n(?:[ \t]*\n)+/)) {
    if (block.trim() === "") continue;
    if (block.length <= limit) {
      pieces.push({ text: block, sep: "\n\n" });
      continue;
    }
    const first = pieces.length;
    for (const line of block.split("\n")) {
      pieces.push(...(line.length <= limit ? [{ text: line, sep: "\n" }] : hardSplit(line, limit)));
    }
    if (pieces[first]) pieces[first].sep = "\n\n";
  }
  return pieces;
}

/**
 * `text` in parts of at most `limit` UTF-16 code units (what Telegram counts), cut at blank lines
 * between blocks when possible, else at line ends; a line is cut only when it alone exceeds the
 * limit. Blank text gives no part (Telegram refuses empty messages).
 */
export function splitMessage(text: string, limit = 4096): string[] {
  const parts: string[] = [];
  let current = "";
  for (const piece of piecesOf(text.trimEnd(), limit)) {
    if (current === "") current = piece.text;
    else if (current.length + piece.sep.length + piece.text.length <= limit) current += piece.sep + piece.text;
    else {
      parts.push(current);
      current = piece.text;
    }
  }
  if (current !== "") parts.push(current);
  return parts;
}
