// kill -9, the one fault no handler sees: the bot killed mid-pass and an import killed mid-way.
// These need a process boundary, so the bot and the import run as child processes here.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { startEmulator, waitUntil, type Emulator } from "../../src/emulator/index.js";
import { ensureOrg } from "../../src/services/org.js";
import { NOTICE } from "../support/data.js";
import { bigNotice, createScaleDatabase, judge, SECRETARY_CHAT } from "../support/scale.js";
import { botEnv, spawnBot } from "../support/spawnBot.js";

const HEADS = 60;
let dir: string;
let emulator: Emulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "giaoban-crash-"));
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("kill -9", () => {
  it("mid-pass: after the restart every head has its reminder once, or is listed to the secretary as uncertain; none lost", { timeout: 120_000 }, async () => {
    const env = botEnv(emulator, await createScaleDatabase(dir, "pass", { units: HEADS, tasks: HEADS }));
    // One send is never answered, so a request is surely under way when the kill comes.
    emulator.injectFaults({ calls: { 20: "hang_stored" } });
    const reminders = () => emulator.deliveries.filter((d) => d.chatId !== SECRETARY_CHAT).length;

    const first = spawnBot(env);
    await waitUntil(() => reminders() >= 20, 60_000, () => `no reminders: ${first.stderr()}`);
    first.process.kill("SIGKILL");
    await first.exited;
    const arrivedBefore = reminders();
    const second = spawnBot(env);
    await second.finished(60_000);
    second.process.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const stats = emulator.deliveryStats();
    const verdict = judge(HEADS, (chat) => stats.perChat.get(chat) ?? 0, emulator.botMessages(SECRETARY_CHAT).map((m) => m.text ?? ""));
    expect(arrivedBefore).toBeLessThan(HEADS);
    expect(verdict.lost).toBe(0);
    expect(verdict.duplicated).toBe(0);
    expect(verdict.uncertain).toBeGreaterThanOrEqual(1); // the unanswered one at least
    expect(verdict.uncertain).toBeLessThanOrEqual(4); // at most the requests in flight
    expect(verdict.deliveredOnce + verdict.uncertain).toBe(HEADS);
  });

  it("mid-import: the database is whole, the notice is stored entirely or not at all, and importing again stores it once", { timeout: 120_000 }, async () => {
    const file = join(dir, "import.db");
    const noticeFile = join(dir, "notice.txt");
    const tasks = 2000;
    writeFileSync(noticeFile, bigNotice(NOTICE, tasks));
    const db = await openDatabase(file);
    await ensureOrg(db, undefined);
    await db.$disconnect();
    const run = (killAfterMs?: number) => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", "support", "importProcess.ts")], { env: { ...process.env, DATABASE_FILE: file, NOTICE_FILE: noticeFile }, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (killAfterMs !== undefined && out.includes("begin")) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      });
      child.on("exit", () => resolve(out));
    });
    const read = () => {
      const raw = new Database(file, { readonly: true });
      try {
        return {
          integrity: raw.pragma("integrity_check", { simple: true }),
          tasks: (raw.prepare('SELECT COUNT(*) AS n FROM "Task"').get() as { n: number }).n,
          cycles: (raw.prepare('SELECT COUNT(*) AS n FROM "Cycle"').get() as { n: number }).n,
        };
      } finally {
        raw.close();
      }
    };
    let interrupted = 0;
    for (const delay of [0, 50]) {
      const out = await run(delay);
      if (!out.includes("done")) interrupted++;
      const state = read();
      expect(state.integrity).toBe("ok");
      expect([0, tasks]).toContain(state.tasks);
      expect(state.cycles).toBe(state.tasks === 0 ? 0 : 1);
      if (state.tasks) break; // stored before the kill: nothing more to interrupt
    }
    expect(interrupted).toBeGreaterThan(0);
    expect(await run()).toContain("done"); // stores it, or finds it stored
    expect(read()).toEqual({ integrity: "ok", tasks, cycles: 1 });
  });
});
