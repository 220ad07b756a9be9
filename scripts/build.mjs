// `npm run build`: compiles src/ into dist/src/ (tsconfig.build.json) and copies the files the code
// finds next to itself (migrations, the example org, the demo's notice), so that every path
// computed from import.meta.dirname resolves from dist/ as it does from src/.
// `node scripts/build.mjs --project P --out D` compiles another project the same way (the load
// test's bot process, so that it is measured as `npm start` runs).
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { project: { type: "string", default: "tsconfig.build.json" }, out: { type: "string", default: "dist" } } });
const dist = resolve(root, values.out);
const ASSETS = ["prisma/migrations", "org", "examples"];

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", resolve(root, values.project), "--outDir", dist], {
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const asset of ASSETS) cpSync(join(root, asset), join(dist, asset), { recursive: true });
