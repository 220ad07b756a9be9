// The outline of a notice: lines with their markers ("I.", "2.", "2.1.", "(3)", "1)", "a)", "-",
// "+", "•"), tables (rows of tab-separated cells, as the .docx reader and pasted spreadsheets give
// them), and the tree those markers make.
//
// Decisions:
// - A marker's depth is learnt from the order styles first appear (the usual way offices nest
//   them), not from a fixed hierarchy: "2." › "(1)" › "-" in one notice, "I." › "1." › "a)" › "-"
//   in another. A style seen again closes everything opened below it.
// - A line that only names units ("a) Sở Tài chính:", "Phòng HCTH") is a sibling of the unit
//   heading already open, whatever its marker: notices mix "- Phòng A:" and "a) Phòng B:".
// - A plain paragraph belongs to the nearest open heading (a line ending with ":", a unit heading,
//   a line that is no sentence); a paragraph ending with ":" heads what follows it.
// - A plain line right after a line (no blank line between) continues it, since Word soft breaks
//   and wrapped pastes arrive that way, unless it names a unit on its own.

export type LineKind = "marker" | "para" | "table" | "closing";

export interface Line {
  kind: LineKind;
  /** Marker style ("num", "paren", "dash" …); null for paragraphs and tables. */
  style: string | null;
  /** The marker as a step of `source`: "2", "(3)", "a", "II", "2.1"; null for bullets. */
  label: string | null;
  /** Without its marker, spaces collapsed. */
  text: string;
  /** As written, spaces collapsed. */
  raw: string;
  /** For a table: its rows' cells. */
  rows: string[][];
  /** Index of its first line in the normalised text. */
  at: number;
}

export interface OutlineNode {
  line: Line;
  children: OutlineNode[];
}

interface Marker {
  style: string;
  re: RegExp;
  label: (m: RegExpExecArray) => string | null;
}

const MARKERS: Marker[] = [
  { style: "roman", re: /^([IVX]{1,5})[.)]\s+(?=\S)/, label: (m) => m[1]! },
  { style: "numdot", re: /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)/, label: (m) => m[1]! },
  { style: "num", re: /^(\d{1,2})\.\s+(?=\S)/, label: (m) => m[1]! },
  { style: "paren", re: /^\(\s*(\d{1,2})\s*\)\s*(?=\S)/, label: (m) => `(${m[1]})` },
  { style: "numparen", re: /^(\d{1,2})\)\s*(?=\S)/, label: (m) => m[1]! },
  { style: "lparen", re: /^\(([a-zđ])\)\s*(?=\S)/, label: (m) => m[1]! },
  { style: "letter", re: /^([a-zđ])(?:\)\s*|\.\s+(?=\p{Lu}))(?=\S)/u, label: (m) => m[1]! },
  { style: "dash", re: /^[-–—‐‑−]\s*(?=\S)/, label: () => null },
  { style: "plus", re: /^\+\s*(?=\S)/, label: () => null },
  { style: "dot", re: /^(?:[•·●▪◦]\s*|\*\s+)(?=\S)/, label: () => null },
];

const CLOSING = /^(?:nay thông báo|trên đây là|nơi nhận|tl\.|kt\.|tm\.|t\/m|\S+ phòng .{0,60}thông báo (?:để|cho|đến))/i;
const CONTINUED = ["dash", "plus", "dot", "letter", "lparen", "para"];
const BULLET_ONLY = /^[-–—‐‑−+•·●▪◦*]?$/;

export function normaliseText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/[\u00A0\u2007\u202F\v\f]/g, " ")
    .replace(/[\u200B-\u200D\uFEFF]/g, "");
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * A table row: tab-separated cells, two or more with text (one in a table already open: a merged
 * row), the first not a bullet followed by a tab ("-\tViệc …").
 */
function cellsOf(line: string, inTable: boolean): string[] | null {
  if (!line.includes("\t")) return null;
  const cells = line.split("\t").map(collapse);
  if (cells.filter(Boolean).length < (inTable ? 1 : 2) || BULLET_ONLY.test(cells[0]!)) return null;
  return cells;
}

function classify(raw: string, at: number): Line {
  for (const marker of MARKERS) {
    const m = marker.re.exec(raw);
    if (m) return { kind: "marker", style: marker.style, label: marker.label(m), text: raw.slice(m[0].length), raw, rows: [], at };
  }
  return { kind: CLOSING.test(raw) ? "closing" : "para", style: null, label: null, text: raw, raw, rows: [], at };
}

/** The notice's lines: blank lines dropped, continuations joined, consecutive table rows one table. */
export function toLines(text: string, namesUnits: (text: string) => boolean): Line[] {
  const lines: Line[] = [];
  let continues = false;
  let adjacent = false;
  for (const [at, source] of normaliseText(text).split("\n").entries()) {
    const last = lines.at(-1);
    const cells = cellsOf(source, last?.kind === "table" && continues);
    if (cells) {
      if (last?.kind === "table" && continues) last.rows.push(cells);
      else lines.push({ kind: "table", style: null, label: null, text: cells.join(" "), raw: cells.join(" | "), rows: [cells], at });
      continues = true;
      continue;
    }
    const raw = collapse(source);
    // A rule ("--------" under the header's names) is no line of text.
    if (!raw || /^[-–—_=*.]{3,}$/.test(raw)) {
      // A table ends at a blank line only when more text follows that is not a row.
      continues = last?.kind === "table";
      adjacent = false;
      continue;
    }
    const line = classify(raw, at);
    // A line starting in lower case right under another is that line wrapped (a copied web page
    // or PDF breaks sentences anywhere), whatever the line above is.
    const wrapped = adjacent && /^\p{Ll}/u.test(raw) && (last?.kind === "marker" || last?.kind === "para") && !last.text.endsWith(":");
    adjacent = true;
    if (line.kind === "para" && (continues || wrapped) && last && last.kind !== "table" && !namesUnits(raw)) {
      last.text += ` ${raw}`;
      last.raw += ` ${raw}`;
      continue;
    }
    lines.push(line);
    // Only a bullet or a paragraph goes on over a line break; a numbered heading, a title, a line
    // ending with ":" or naming a unit does not: what follows it is under it.
    continues = CONTINUED.includes(line.style ?? "para") && !isTitle(line) && !line.text.endsWith(":") && !namesUnits(line.text);
  }
  return lines;
}

/** A line that heads what follows rather than states a task. */
export function isHeadingLike(line: Line, headsUnits: (line: Line) => boolean): boolean {
  if (line.kind === "table") return false;
  if (line.text.endsWith(":") || isTitle(line) || headsUnits(line)) return true;
  return line.kind === "marker" && !/[.;]$/.test(line.text) && line.text.length < 200;
}

const isTitle = (line: Line) => line.kind === "para" && line.text.length < 120 && line.text === line.text.toUpperCase() && /\p{Lu}/u.test(line.text);

interface Open {
  node: OutlineNode;
  style: string;
}

/** The outline tree of `lines` (closing lines excluded by the caller). */
export function buildOutline(lines: Line[], headsUnits: (line: Line) => boolean): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: Open[] = [];
  const attach = (node: OutlineNode, depth: number) => (depth === 0 ? roots : stack[depth - 1]!.node.children).push(node);
  for (const line of lines) {
    const node: OutlineNode = { line, children: [] };
    const unit = headsUnits(line);
    const opens = line.kind === "marker" || unit || (line.kind === "para" && (line.text.endsWith(":") || isTitle(line)));
    if (!opens) {
      // A paragraph or table: under the nearest open heading.
      let depth = stack.length;
      while (depth > 0 && !isHeadingLike(stack[depth - 1]!.node.line, headsUnits)) depth--;
      attach(node, depth);
      continue;
    }
    const style = line.style ?? "para";
    const openUnit = unit ? stack.findIndex((o) => headsUnits(o.node.line)) : -1;
    const same = stack.findIndex((o) => o.style === style);
    const depth = openUnit >= 0 ? openUnit : same >= 0 ? same : stack.length;
    stack.length = depth;
    attach(node, depth);
    stack.push({ node, style });
  }
  return roots;
}

/** Every line of a subtree, in reading order. */
export function linesOf(node: OutlineNode): Line[] {
  return [node.line, ...node.children.flatMap(linesOf)];
}
