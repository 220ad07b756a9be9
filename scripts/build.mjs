// `npm run build`: compiles src/ into dist/src/ (tsconfig.build.json) and copies the files the code
// finds next to itself (migrations, the example org, the demo's notice), so that every path
// computed from import.meta.dirname resolves from dist/ as it does from src/.
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
const ASSETS = ["prisma/migrations", "org", "examples"];

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const asset of ASSETS) cpSync(join(root, asset), join(dist, asset), { recursive: true });
