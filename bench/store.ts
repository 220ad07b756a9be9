// `npx tsx bench/store.ts <tasks>`: stores a notice of <tasks> tasks (0: the seed notice itself)
// into a fresh database, 5 times, and prints the median time of storing it (reading the notice and
// opening the file not timed). `npm run bench` runs it as its own process, with and without `npm
// start`'s node flags, since V8's heap settings change what an import costs.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/client.js";
import { commitImport, prepareImport } from "../src/services/intake.js";
import { ensureOrg } from "../src/services/org.js";
import { bigNotice } from "../tests/support/scale.js";

const RUNS = 5;
const tasks = Number(process.argv[2] ?? 0);
const seed = readFileSync(join(import.meta.dirname, "..", "examples", "conclusion-notice-2024-11.txt"), "utf8");
const text = tasks > 0 ? bigNotice(seed, tasks) : seed;
const dir = mkdtempSync(join(tmpdir(), "bench-store-"));
try {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const db = await openDatabase(join(dir, `run-${run}.db`));
    await ensureOrg(db, undefined);
    const prepared = await prepareImport(db, text, "2024-12-04");
    if (!prepared.ok) throw new Error(`the notice was not read: ${prepared.reason}`);
    const start = performance.now();
    await commitImport(db, prepared, { memberId: null, decision: { carry: true }, late: false, at: new Date(), today: "2024-12-04" });
    times.push(performance.now() - start);
    await db.$disconnect();
  }
  console.log(times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
