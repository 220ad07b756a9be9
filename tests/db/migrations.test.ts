import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/db/migrate.js";

const root = join(import.meta.dirname, "..", "..");

function schemaCheck(file: string) {
  return spawnSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "scripts/schema-engine.mjs", "check", file], {
    cwd: root,
    encoding: "utf8",
  });
}

describe("migrations", () => {
  it("are applied once and recorded as Prisma records them; the result matches schema.prisma exactly", () => {
    const file = join(mkdtempSync(join(tmpdir(), "mig-")), "bot.db");
    expect(applyMigrations(file).length).toBeGreaterThan(0);
    expect(applyMigrations(file)).toEqual([]);
    // Prisma's own schema engine finds nothing left to apply and no difference to the schema.
    const check = schemaCheck(file);
    expect(JSON.parse(check.stdout)).toEqual({ appliedNow: [], drift: "" });
    expect(check.status).toBe(0);
  });

  it("drift is detected when the database differs from the schema", () => {
    const file = join(mkdtempSync(join(tmpdir(), "mig-")), "bot.db");
    applyMigrations(file);
    const db = new Database(file);
    db.exec('DROP INDEX "TaskPart_status_deadline_idx"');
    db.close();
    const check = schemaCheck(file);
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).drift).toContain("TaskPart_status_deadline_idx");
  });

  it("uses WAL so the CLI can read while the bot writes", () => {
    const file = join(mkdtempSync(join(tmpdir(), "mig-")), "bot.db");
    applyMigrations(file);
    expect(execFileSync("node", ["-e", `const D=require('better-sqlite3');console.log(new D(${JSON.stringify(file)}).pragma('journal_mode',{simple:true}))`], { cwd: root, encoding: "utf8" }).trim()).toBe("wal");
  });
});
