// Word's automatic numbering (numbering.xml), turned into the markers a reader sees: "1.", "1.2.",
// "a)", "(3)", "II.", "-". Counters are kept per list instance (w:numId), as Word shows them; a
// paragraph at a level restarts the levels below it.

export interface Numbering {
  /** The visible marker of the next paragraph numbered so, or null when it has none. */
  marker(numId: string | null, ilvl: number, style: string | null): string | null;
}

interface Level {
  start: number;
  format: string;
  text: string;
}

const ATTR = (name: string) => new RegExp(String.raw`<w:${name}\b[^>]*?\bw:val="([^"]*)"`);
const blocks = (xml: string, tag: string) => xml.match(new RegExp(String.raw`<w:${tag}\b[^>]*>[^]*?</w:${tag}>`, "g")) ?? [];
const attr = (xml: string, name: string) => ATTR(name).exec(xml)?.[1];
const idOf = (xml: string, name: string) => new RegExp(String.raw`\bw:${name}="([^"]*)"`).exec(xml)?.[1];

/** Bullet glyphs of symbol fonts, as the plain markers a notice is typed with. */
function bulletMarker(text: string): string {
  if (/^[-–—+•*▪]$/.test(text)) return text;
  return text === "o" ? "+" : "•";
}

function roman(n: number): string {
  const parts: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [value, glyph] of parts) for (; n >= value; n -= value) out += glyph;
  return out;
}

function formatted(n: number, format: string): string {
  const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
  switch (format) {
    case "lowerLetter":
      return letter;
    case "upperLetter":
      return letter.toUpperCase();
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperRoman":
      return roman(n);
    case "decimalZero":
      return String(n).padStart(2, "0");
    default:
      return String(n);
  }
}

export function wordNumbering(numberingXml: string, stylesXml: string): Numbering {
  const abstract = new Map<string, Level[]>();
  for (const block of blocks(numberingXml, "abstractNum")) {
    const levels: Level[] = [];
    for (const lvl of blocks(block, "lvl")) {
      levels[Number(idOf(lvl, "ilvl") ?? 0)] = { start: Number(attr(lvl, "start") ?? 1), format: attr(lvl, "numFmt") ?? "decimal", text: attr(lvl, "lvlText") ?? "" };
    }
    abstract.set(idOf(block, "abstractNumId") ?? "", levels);
  }
  const lists = new Map<string, { levels: Level[]; starts: Map<number, number> }>();
  for (const block of blocks(numberingXml, "num")) {
    const starts = new Map<number, number>();
    for (const o of blocks(block, "lvlOverride")) {
      const start = attr(o, "startOverride");
      if (start) starts.set(Number(idOf(o, "ilvl") ?? 0), Number(start));
    }
    lists.set(idOf(block, "numId") ?? "", { levels: abstract.get(attr(block, "abstractNumId") ?? "") ?? [], starts });
  }
  // Styles that number their paragraphs ("List Number", "List Bullet").
  const styled = new Map<string, { numId: string; ilvl: number }>();
  for (const style of blocks(stylesXml, "style")) {
    const numId = attr(style, "numId");
    if (numId) styled.set(idOf(style, "styleId") ?? "", { numId, ilvl: Number(attr(style, "ilvl") ?? 0) });
  }

  const counters = new Map<string, number[]>();
  return {
    marker(numId, ilvl, style) {
      const fromStyle = style ? styled.get(style) : undefined;
      const id = numId ?? fromStyle?.numId ?? null;
      const level = numId ? ilvl : (fromStyle?.ilvl ?? ilvl);
      const list = id ? lists.get(id) : undefined;
      const def = list?.levels[level];
      if (!list || !def || def.format === "none" || !def.text) return null;
      const startOf = (l: number) => list.starts.get(l) ?? list.levels[l]?.start ?? 1;
      const counts = counters.get(id!) ?? [];
      counts[level] = counts[level] === undefined ? startOf(level) : counts[level]! + 1;
      counts.length = level + 1;
      counters.set(id!, counts);
      if (def.format === "bullet") return bulletMarker(def.text);
      return def.text.replace(/%([1-9])/g, (_, d: string) => {
        const l = Number(d) - 1;
        return formatted(counts[l] ?? startOf(l), list.levels[l]?.format ?? "decimal");
      });
    },
  };
}
