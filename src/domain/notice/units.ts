// Finds the department's units in a notice: as a heading ("Phòng Hành chính - Tổng hợp:",
// "d) Sở Xây dựng, Sở Giao thông vận tải:"), as a group ("Các phòng, đơn vị", "các Ban HĐND Thành
// phố"), and inside a sentence ("Giao X …", "X chủ trì, phối hợp với Y …").
// Names match exactly on normalised text only: a name we do not know must reach a person, not a
// unit that merely looks similar.
import type { Org } from "../org.js";

const DASHES = /[\u002D\u2010-\u2015\u2212]/g;

/**
 * Lower case, one kind of dash, "KH & CN" = "KH&CN", no trimming; for a line of the notice, which
 * is NFC with its spaces collapsed already.
 */
export function normaliseInline(text: string): string {
  // Only a dash or "&" next to a space is rewritten, so a run of dashes costs nothing.
  return text.toLowerCase().replace(DASHES, "-").replace(/ ?([-&]) | ([-&])/g, "$1$2");
}

/** A name from anywhere (the org file, a heading): NFC, single spaces, normaliseInline, trimmed, no trailing ":" or ".". */
export function normaliseUnitName(text: string): string {
  return normaliseInline(text.normalize("NFC").replace(/\s+/g, " ")).replace(/[\s:.]+$/, "").trim();
}

/** Phrases that address every unit of the department. */
const EVERY_UNIT = [
  "các phòng, đơn vị",
  "các phòng, đơn vị thuộc sở",
  "các phòng, đơn vị trực thuộc",
  "các phòng, ban, đơn vị",
  "các phòng ban, đơn vị",
  "các phòng, ban",
  "các đơn vị thuộc sở",
  "các đơn vị trực thuộc",
  "các sở, ban, ngành",
  "các sở, ban, ngành tỉnh",
  "các sở, ban, ngành, địa phương",
  "các sở, ngành",
  "các sở, ngành, địa phương",
  "tất cả các phòng, đơn vị",
];

interface Name {
  key: string;
  codes: string[];
  /** A group or "every unit": named as a whole, never suggested for a stray line. */
  group: boolean;
}

export interface NameMatch {
  codes: string[];
  group: boolean;
  /** Index after the name in the normalised text. */
  end: number;
}

export interface UnitIndex {
  all: string[];
  /** The longest known name starting at `pos` of normalised text, ending at a word boundary. */
  nameAt(norm: string, pos: number): NameMatch | null;
}

const firstWord = (key: string) => key.split(" ", 1)[0]!;
const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}&]/u.test(ch);

export function createUnitIndex(org: Pick<Org, "units" | "groups">): UnitIndex {
  const all = org.units.map((u) => u.code);
  const names = new Map<string, Name>();
  const add = (text: string, codes: string[], group: boolean) => {
    const key = normaliseUnitName(text);
    if (!key) return;
    const known = names.get(key);
    // A key two units share identifies neither of them.
    if (known && known.codes.join() !== codes.join()) names.set(key, { key, codes: [], group });
    else names.set(key, { key, codes, group });
  };
  for (const u of org.units) for (const n of [u.name, u.code, ...u.aliases]) add(n, [u.code], false);
  for (const g of org.groups) for (const n of [g.name, ...g.aliases]) add(n, g.units, true);
  for (const phrase of EVERY_UNIT) if (!names.has(phrase)) add(phrase, all, true);

  // Keyed by first word so that a scan looks at a handful of names per word, longest first.
  const byFirst = new Map<string, Name[]>();
  for (const name of names.values()) {
    if (name.codes.length === 0) continue;
    const list = byFirst.get(firstWord(name.key)) ?? [];
    list.push(name);
    byFirst.set(firstWord(name.key), list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);

  return {
    all,
    nameAt(norm, pos) {
      // A bounded look ahead: a scan calls this at every word of a line that may be very long.
      const chunk = norm.slice(pos, pos + 48);
      const space = chunk.indexOf(" ");
      const word = (space < 0 ? chunk : chunk.slice(0, space)).replace(/[,;:.()]+$/, "");
      for (const name of byFirst.get(word) ?? []) {
        if (norm.startsWith(name.key, pos) && !isWordChar(norm[pos + name.key.length])) {
          return { codes: name.codes, group: name.group, end: pos + name.key.length };
        }
      }
      return null;
    },
  };
}

const LIST_SEPARATOR = /^(?:,\s?|;\s?|\s(?:và|với)\s)/;
/** A head's title before the unit's name: "Giao Giám đốc Sở Tài chính …", "Thủ trưởng các sở, ban, ngành". */
const HEAD_TITLE = /^(?:phó giám đốc|giám đốc|thủ trưởng|trưởng|chánh|chi cục trưởng|chủ tịch) /;
/**
 * A list whose names share their first word: "các Bộ: Tài chính, Tư pháp", "các Bộ Tài nguyên và
 * Môi trường, Nông nghiệp và Phát triển nông thôn", "Sở Tài chính, Xây dựng". Group 1 or 3 (plural,
 * colon): even the first name is written without it.
 */
const SHARED_WORD = /^(?:(các) )?(bộ|sở|phòng|ban)(:)? /;

/**
 * Unit names one after another ("Sở Xây dựng, Sở Giao thông vận tải và Sở Tài chính", "các Sở: Tài
 * chính, Xây dựng") from `pos`.
 */
export function unitListAt(index: UnitIndex, norm: string, pos: number): { codes: string[]; end: number } | null {
  const codes: string[] = [];
  let shared: RegExpExecArray | null = null;
  let at = pos;
  let end = -1;
  for (let first = true; ; first = false) {
    at += HEAD_TITLE.exec(norm.slice(at, at + 20))?.[0].length ?? 0;
    if (first) shared = SHARED_WORD.exec(norm.slice(at, at + 12));
    const elided = shared ? elidedAt(shared, first, at) : -1;
    const found = index.nameAt(norm, at) ?? (elided >= 0 ? sharedNameAt(index, shared![2]!, norm, elided) : null);
    if (!found) break;
    codes.push(...found.codes);
    end = found.end;
    const sep = LIST_SEPARATOR.exec(norm.slice(end, end + 6));
    if (!sep) break;
    at = end + sep[0].length;
  }
  return end < 0 ? null : { codes: unique(codes), end };
}

/** Where a name written without the shared word starts, or -1: any after the first; the first after "các Bộ", "Bộ:". */
function elidedAt(shared: RegExpExecArray, first: boolean, at: number): number {
  if (!first) return at;
  return shared[1] || shared[3] ? at + shared[0].length : -1;
}

/** The known name `word` + the text at `pos` ("bộ" + "tư pháp …"), with its end in `norm`. */
function sharedNameAt(index: UnitIndex, word: string, norm: string, pos: number): NameMatch | null {
  const found = index.nameAt(`${word} ${norm.slice(pos, pos + 120)}`, 0);
  return found && !found.group ? { ...found, end: pos + found.end - word.length - 1 } : null;
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * Every unit named anywhere in `text`: by name only for a stray line's suggestions (a group there
 * is usually talk about the units, not an assignment), groups too for a table's unit cell.
 */
export function unitsMentioned(index: UnitIndex, text: string, withGroups = false): string[] {
  const norm = normaliseInline(text);
  const codes: string[] = [];
  for (let pos = 0; pos < norm.length; pos++) {
    if (pos > 0 && isWordChar(norm[pos - 1])) continue;
    const found = index.nameAt(norm, pos);
    if (found && (withGroups || !found.group)) {
      codes.push(...found.codes);
      pos = found.end;
    }
  }
  return unique(codes);
}
