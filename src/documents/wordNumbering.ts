// Word's automatic numbering (numbering.xml), turned into the markers a reader sees: "1.", "1.2.",
// "a)", "(3)", "II.", "-". Counters are kept per abstract definition, as Word shows them (see
// wordNumbering); a paragraph at a level restarts the levels below it.

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

interface List {
  /** The abstract definition whose count the list shares with every other list on it. */
  abstractId: string;
  levels: Level[];
  /** w:startOverride per level: where this list restarts the shared count. */
  starts: Map<number, number>;
}

function levelsOf(xml: string, levels: Level[] = []): Level[] {
  for (const lvl of blocks(xml, "lvl")) {
    levels[Number(idOf(lvl, "ilvl") ?? 0)] = { start: Number(attr(lvl, "start") ?? 1), format: attr(lvl, "numFmt") ?? "decimal", text: attr(lvl, "lvlText") ?? "" };
  }
  return levels;
}

/**
 * The list instances (w:num) of numbering.xml. An abstract definition that only links to a list
 * style (w:numStyleLink) is the one that style's list uses; a w:lvlOverride may redefine a level.
 */
function listsOf(numberingXml: string, styled: Map<string, { numId: string }>): Map<string, List> {
  const abstract = new Map<string, { levels: Level[]; link?: string }>();
  for (const block of blocks(numberingXml, "abstractNum")) {
    abstract.set(idOf(block, "abstractNumId") ?? "", { levels: levelsOf(block), link: attr(block, "numStyleLink") });
  }
  const nums = blocks(numberingXml, "num").map((block) => ({ block, numId: idOf(block, "numId") ?? "", abstractId: attr(block, "abstractNumId") ?? "" }));
  const abstractOf = new Map(nums.map((n) => [n.numId, n.abstractId]));
  const resolve = (id: string) => {
    const link = abstract.get(id)?.link;
    return (link && abstractOf.get(styled.get(link)?.numId ?? "")) || id;
  };
  const lists = new Map<string, List>();
  for (const { block, numId, abstractId } of nums) {
    const id = resolve(abstractId);
    const levels = [...(abstract.get(id)?.levels ?? [])];
    const starts = new Map<number, number>();
    for (const o of blocks(block, "lvlOverride")) {
      levelsOf(o, levels);
      const start = attr(o, "startOverride");
      if (start) starts.set(Number(idOf(o, "ilvl") ?? 0), Number(start));
    }
    lists.set(numId, { abstractId: id, levels, starts });
  }
  return lists;
}

/**
 * Counts as Word does: lists (w:num) on one abstract definition share one count, so a list typed
 * in two pieces goes on 1, 2, 3 across them; a list with a w:startOverride for a level restarts the
 * shared count at its first paragraph at that level ("Restart numbering"), and the lists after it
 * go on from there.
 */
export function wordNumbering(numberingXml: string, stylesXml: string): Numbering {
  // Styles that number their paragraphs ("List Number", "List Bullet"), and list styles.
  const styled = new Map<string, { numId: string; ilvl: number }>();
  for (const style of blocks(stylesXml, "style")) {
    const numId = attr(style, "numId");
    if (numId) styled.set(idOf(style, "styleId") ?? "", { numId, ilvl: Number(attr(style, "ilvl") ?? 0) });
  }
  const lists = listsOf(numberingXml, styled);

  const counters = new Map<string, (number | undefined)[]>();
  const entered = new Set<string>();
  return {
    marker(numId, ilvl, style) {
      const fromStyle = style ? styled.get(style) : undefined;
      const id = numId ?? fromStyle?.numId ?? null;
      const level = numId ? ilvl : (fromStyle?.ilvl ?? ilvl);
      const list = id ? lists.get(id) : undefined;
      const def = list?.levels[level];
      if (!list || !def || def.format === "none" || !def.text) return null;
      const startOf = (l: number) => list.starts.get(l) ?? list.levels[l]?.start ?? 1;
      const counts = counters.get(list.abstractId) ?? [];
      const first = `${id}:${level}`;
      if (!entered.has(first) && list.starts.has(level)) counts[level] = undefined;
      entered.add(first);
      counts[level] = counts[level] === undefined ? startOf(level) : counts[level]! + 1;
      counts.length = level + 1;
      counters.set(list.abstractId, counts);
      if (def.format === "bullet") return bulletMarker(def.text);
      return def.text.replace(/%([1-9])/g, (_, d: string) => {
        const l = Number(d) - 1;
        return formatted(counts[l] ?? startOf(l), list.levels[l]?.format ?? "decimal");
      });
    },
  };
}
