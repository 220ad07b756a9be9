// Maps a unit heading from a notice ("Phòng Hành chính - Tổng hợp:", "Phòng QLKH") to a unit code.
// Exact match on normalised text only: a heading we do not recognise must reach a person, not a
// unit that merely looks similar.
import type { UnitInfo } from "../types.js";

export type UnitMatcher = (heading: string) => string | null;

const DASHES = /[\u002D\u2010-\u2015\u2212]/g;

/** NFC, lower case, one kind of dash, "KH & CN" = "KH&CN", single spaces, no trailing ":" or ".". */
export function normaliseUnitName(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .replace(/ ?([-&]) ?/g, "$1")
    .replace(/[\s:.]+$/, "")
    .trim();
}

export function createUnitMatcher(units: UnitInfo[]): UnitMatcher {
  const byKey = new Map<string, string | null>();
  for (const unit of units) {
    for (const key of [unit.name, unit.code, ...unit.aliases].map(normaliseUnitName)) {
      if (!key) continue;
      const known = byKey.get(key);
      // A key two units share identifies neither of them.
      byKey.set(key, known === undefined || known === unit.code ? unit.code : null);
    }
  }
  return (heading) => byKey.get(normaliseUnitName(heading)) ?? null;
}

/** The units whose name, code or alias a line names anywhere: suggestions for a line not placed. */
export function unitsNamedIn(text: string, units: UnitInfo[]): string[] {
  const line = ` ${normaliseUnitName(text)} `;
  return units
    .filter((u) => [u.name, u.code, ...u.aliases].some((name) => {
      const key = normaliseUnitName(name);
      return key.length >= 3 && line.includes(` ${key}`) && /[\s,.;:)]/.test(line.charAt(line.indexOf(` ${key}`) + key.length + 1));
    }))
    .map((u) => u.code);
}
