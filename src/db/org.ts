import type { Org } from "../domain/org.js";
import { orgDefaults } from "../domain/org.js";
import type { UnitInfo } from "../domain/types.js";
import { chunks } from "./batches.js";
import type { Db } from "./client.js";
import { insertRows } from "./insert.js";

/**
 * Stores the org: its units (new ones added, known ones updated, absent ones kept but inactive)
 * and its department-wide settings. Only the units that are new or differ from the stored ones
 * are written, as multi-row upserts, so a restart with a thousand units writes nothing but the
 * settings, and a unit added at the top of the file (a thousand moved down) a few statements.
 */
export async function storeOrg(db: Db, org: Org): Promise<void> {
  const { units: _units, department, ...settings } = org;
  const profile = { department, settings: JSON.stringify(settings) };
  const wanted = org.units.map((u, position) => ({ code: u.code, name: u.name, aliases: JSON.stringify(u.aliases), position, active: true }));
  const codes = new Set(wanted.map((u) => u.code));
  await db.$transaction(async (tx) => {
    const known = new Map((await tx.unit.findMany()).map((u) => [u.code, u]));
    const differs = (u: (typeof wanted)[number]) => {
      const k = known.get(u.code);
      return !k || k.name !== u.name || k.aliases !== u.aliases || k.position !== u.position || !k.active;
    };
    const gone = [...known.values()].filter((k) => k.active && !codes.has(k.code)).map((k) => k.id);
    await insertRows(tx, "Unit", wanted.filter(differs), { upsertOn: "code" });
    for (const batch of chunks(gone)) await tx.unit.updateMany({ where: { id: { in: batch } }, data: { active: false } });
    await tx.orgProfile.upsert({ where: { id: 1 }, create: { id: 1, ...profile }, update: profile });
  });
}

export async function listUnits(db: Db): Promise<UnitInfo[]> {
  const rows = await db.unit.findMany({ where: { active: true }, orderBy: { position: "asc" } });
  return rows.map((u) => ({ code: u.code, name: u.name, aliases: JSON.parse(u.aliases) as string[] }));
}

/** The whole org as stored: the active units and the settings (defaults where none were stored). */
export async function loadOrg(db: Db): Promise<Org> {
  const [units, profile] = await Promise.all([listUnits(db), db.orgProfile.findUnique({ where: { id: 1 } })]);
  const settings = profile ? (JSON.parse(profile.settings) as Partial<Org>) : {};
  return { ...orgDefaults(), ...settings, department: profile?.department ?? "", units };
}

export async function hasUnits(db: Db): Promise<boolean> {
  return (await db.unit.count()) > 0;
}

export async function hasOrgProfile(db: Db): Promise<boolean> {
  return (await db.orgProfile.count()) > 0;
}
