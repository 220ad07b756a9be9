import type { Org } from "../domain/org.js";
import { orgDefaults } from "../domain/org.js";
import type { UnitInfo } from "../domain/types.js";
import type { Db } from "./client.js";

/**
 * Stores the org: its units (new ones added, known ones updated, absent ones kept but inactive)
 * and its department-wide settings.
 */
export async function storeOrg(db: Db, org: Org): Promise<void> {
  const codes = org.units.map((u) => u.code);
  const { units: _units, department, ...settings } = org;
  const profile = { department, settings: JSON.stringify(settings) };
  await db.$transaction([
    ...org.units.map((u, position) =>
      db.unit.upsert({
        where: { code: u.code },
        create: { code: u.code, name: u.name, aliases: JSON.stringify(u.aliases), position },
        update: { name: u.name, aliases: JSON.stringify(u.aliases), position, active: true },
      }),
    ),
    db.unit.updateMany({ where: { code: { notIn: codes } }, data: { active: false } }),
    db.orgProfile.upsert({ where: { id: 1 }, create: { id: 1, ...profile }, update: profile }),
  ]);
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
