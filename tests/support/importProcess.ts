// An import as its own process, to be killed part-way: reads NOTICE_FILE into DATABASE_FILE the way
// the CLI does, printing "begin" just before the storing transaction and "done" after it.
import { readFileSync } from "node:fs";
import { openDatabase } from "../../src/db/client.js";
import { commitImport, prepareImport } from "../../src/services/intake.js";

const db = await openDatabase(process.env.DATABASE_FILE!);
const prepared = await prepareImport(db, readFileSync(process.env.NOTICE_FILE!, "utf8"), "2024-12-04");
if (!prepared.ok) throw new Error("not a notice");
process.stdout.write("begin\n");
await commitImport(db, prepared, { memberId: null, decision: { carry: true }, late: false, at: new Date(), today: "2024-12-04" });
process.stdout.write("done\n");
await db.$disconnect();
