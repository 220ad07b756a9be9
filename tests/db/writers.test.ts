// Two processes writing one database (the bot and the CLI): neither fails because the other holds
// the write lock, and no update is lost. Each writer is a worker thread with its own connection and
// event loop, so SQLite sees two independent writers, as with two processes.
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db.js";

const CLIENT = pathToFileURL(new URL("../../src/db/client.ts", import.meta.url).pathname).href;

// Read-modify-write of one counter in a transaction, with a pause between the read and the write
// so that the other writer's transactions fall in between; plus a plain write each round.
const WRITER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { tsImport } = await import("tsx/esm/api");
  const { openDatabase } = await tsImport(workerData.client, workerData.parent);
  const db = await openDatabase(workerData.file);
  const gate = new Int32Array(workerData.gate);
  parentPort.postMessage({ ready: true });
  Atomics.wait(gate, 0, 0);
  const errors = [];
  for (let i = 0; i < workerData.rounds; i++) {
    try {
      await db.$transaction(async (tx) => {
        const row = await tx.setting.findUnique({ where: { key: "counter" } });
        await new Promise((r) => setTimeout(r, 2));
        await tx.setting.update({ where: { key: "counter" }, data: { value: String(Number(row.value) + 1) } });
      });
      await db.setting.create({ data: { key: workerData.name + ":" + i, value: "x" } });
    } catch (e) {
      errors.push(String(e && e.message || e).split("\\n").pop());
    }
  }
  await db.$disconnect();
  parentPort.postMessage({ errors });
})();
`;

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await t.db.setting.create({ data: { key: "counter", value: "0" } });
});
afterEach(() => t.close());

it("two writers at once: every transaction waits for the other and none is lost", { timeout: 60_000 }, async () => {
  const rounds = 60;
  const gate = new SharedArrayBuffer(4);
  const workers = ["bot", "cli"].map((name) =>
    new Worker(WRITER, { eval: true, workerData: { client: CLIENT, parent: import.meta.url, file: t.file, gate, rounds, name } }));
  const ready = workers.map((w) => new Promise<void>((resolve) => w.once("message", () => resolve())));
  const done = workers.map((w) => new Promise<{ errors: string[] }>((resolve, reject) => {
    w.on("message", (m: { ready?: boolean; errors: string[] }) => { if (!m.ready) resolve(m); });
    w.on("error", reject);
  }));
  await Promise.all(ready);
  Atomics.store(new Int32Array(gate), 0, 1);
  Atomics.notify(new Int32Array(gate), 0);
  const outcomes = await Promise.all(done);
  await Promise.all(workers.map((w) => w.terminate()));

  expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
  expect((await t.db.setting.findUnique({ where: { key: "counter" } }))?.value).toBe(String(2 * rounds));
  expect(await t.db.setting.count({ where: { value: "x" } })).toBe(2 * rounds);
});
