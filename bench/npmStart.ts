// The node flags `npm start` runs the bot with, read from package.json's start script, so that the
// benchmarks measure the compiled bot as it runs in production.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function npmStartFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
}
