// The bot and the CLI may both start on a new database file at the same moment: each applies the
// migrations, and neither may fail because the other was first.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";

const MIGRATE = join(import.meta.dirname, "..", "..", "src", "db", "migrate.ts");
const dir = mkdtempSync(join(tmpdir(), "giaoban-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each worker loads the runner, waits at a barrier, then applies the migrations: all at once.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { tsImport } = await import("tsx/esm/api");
  const { applyMigrations } = await tsImport(workerData.module, workerData.parent);
  const gate = new Int32Array(workerData.gate);
  parentPort.postMessage({ ready: true });
  Atomics.wait(gate, 0, 0);
  try {
    parentPort.postMessage({ applied: applyMigrations(workerData.file) });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
})();
`;

it("applies each migration exactly once when several processes start together on a new file", { timeout: 60_000 }, async () => {
  for (let round = 0; round < 3; round++) {
    const file = join(dir, `bot-${round}.db`);
    const gate = new SharedArrayBuffer(4);
    const workers = Array.from({ length: 4 }, () =>
      new Worker(WORKER, { eval: true, workerData: { module: pathToFileURL(MIGRATE).href, parent: import.meta.url, file, gate } }));
    const results = workers.map((w) => new Promise<{ applied?: string[]; error?: string }>((resolve, reject) => {
      w.on("message", (m: { ready?: boolean; applied?: string[]; error?: string }) => { if (!m.ready) resolve(m); });
      w.on("error", reject);
    }));
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once("message", () => resolve()))));
    const view = new Int32Array(gate);
    Atomics.store(view, 0, 1);
    Atomics.notify(view, 0);
    const outcomes = await Promise.all(results);
    await Promise.all(workers.map((w) => w.terminate()));

    expect(outcomes.filter((o) => o.error !== undefined)).toEqual([]);
    const applied = outcomes.flatMap((o) => o.applied ?? []);
    const db = new Database(file, { readonly: true });
    try {
      const recorded = db.prepare(`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`).all() as { migration_name: string }[];
      expect(applied.sort()).toEqual(recorded.map((r) => r.migration_name));
      expect(new Set(applied).size).toBe(applied.length);
    } finally {
      db.close();
    }
  }
});
