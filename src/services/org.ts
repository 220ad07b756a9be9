import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db/client.js";
import { hasOrgProfile, hasUnits, listUnits, storeOrg } from "../db/org.js";
import { parseOrg, type Org } from "../domain/org.js";

export const EXAMPLE_ORG_FILE = join(import.meta.dirname, "..", "..", "org", "skhcn-quang-ngai.json");

/** Reads and validates an org file, then stores its units. Throws OrgError on a bad file. */
export async function loadOrgFile(db: Db, file: string): Promise<Org> {
  const org = parseOrg(readFileSync(file, "utf8"));
  await storeOrg(db, org);
  return org;
}

/**
 * A fresh database gets the configured org, or the example department's. A database written before
 * the org's settings were stored gets them from that file when its units are the file's.
 */
export async function ensureOrg(db: Db, orgFile: string | undefined): Promise<void> {
  const file = orgFile ?? EXAMPLE_ORG_FILE;
  if (!(await hasUnits(db))) return void (await loadOrgFile(db, file));
  if (await hasOrgProfile(db)) return;
  const org = parseOrg(readFileSync(file, "utf8"));
  const stored = (await listUnits(db)).map((u) => u.code).sort().join();
  if (org.units.map((u) => u.code).sort().join() === stored) await storeOrg(db, org);
}
