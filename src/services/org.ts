import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db/client.js";
import { hasUnits, storeOrg } from "../db/org.js";
import { parseOrg, type Org } from "../domain/org.js";

export const EXAMPLE_ORG_FILE = join(import.meta.dirname, "..", "..", "org", "skhcn-quang-ngai.json");

/** Reads and validates an org file, then stores its units. Throws OrgError on a bad file. */
export async function loadOrgFile(db: Db, file: string): Promise<Org> {
  const org = parseOrg(readFileSync(file, "utf8"));
  await storeOrg(db, org);
  return org;
}

/** A fresh database gets the configured org, or the example department's. */
export async function ensureOrg(db: Db, orgFile: string | undefined): Promise<void> {
  if (!(await hasUnits(db))) await loadOrgFile(db, orgFile ?? EXAMPLE_ORG_FILE);
}
