import type { Org } from "../domain/org.js";
import type { UnitInfo } from "../domain/types.js";
import type { Db } from "./client.js";

/** Stores the org's units: new ones added, known ones updated, absent ones kept but inactive. */
export async function storeOrg(db: Db, org: Org): Promise<void> {
  const codes = org.units.map((u) => u.code);
  await db.$transaction([
    ...org.units.map((u, position) =>
      db.unit.upsert({
        where: { code: u.code },
        create: { code: u.code, name: u.name, aliases: JSON.stringify(u.aliases), position },
        update: { name: u.name, aliases: JSON.stringify(u.aliases), position, active: true },
      }),
    ),
    db.unit.updateMany({ where: { code: { notIn: codes } }, data: { active: false } }),
  ]);
}

export async function listUnits(db: Db): Promise<UnitInfo[]> {
  const rows = await db.unit.findMany({ where: { active: true }, orderBy: { position: "asc" } });
  return rows.map((u) => ({ code: u.code, name: u.name, aliases: JSON.parse(u.aliases) as string[] }));
}

export async function hasUnits(db: Db): Promise<boolean> {
  return (await db.unit.count()) > 0;
}
