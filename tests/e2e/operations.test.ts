// What the operator relies on: the database file private to its owner, a backup taken while the
// bot writes, `npm start` running compiled JavaScript, and a bot that stops (exit code 1, one line)
// instead of running deaf when Telegram answers 409 or 401 or keeps failing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { openDatabase } from "../../src/db/client.js";
import { startEmulator, waitUntil, type Emulator } from "../../src/emulator/index.js";
import { silentLogger } from "../../src/logger.js";
import { delivery } from "../../src/messages/vi/delivery.js";
import { enqueue, setSetting } from "../../src/db/outbox.js";
import { startServer } from "../../src/server.js";
import { PAUSED } from "../../src/services/outbox.js";
import { startTestBot } from "../support/bot.js";

const root = join(import.meta.dirname, "..", "..");
const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
const mode = (file: string) => statSync(file).mode & 0o777;
const tempDb = () => join(mkdtempSync(join(tmpdir(), "ops-")), "bot.db");

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator?.stop());

describe("the database file", () => {
  it("is created readable by its owner only, with its -wal and -shm files", async () => {
    const file = tempDb();
    const db = await openDatabase(file);
    await db.processedUpdate.create({ data: { updateId: 1, attempts: 1, state: "done", updatedAt: new Date() } });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f)).toBe(0o600);
    await db.$disconnect();
  });

  it("is backed up while it is being written, by `npm run cli -- backup`, into a private, complete copy", async () => {
    const file = tempDb();
    const db = await openDatabase(file);
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await db.processedUpdate.create({ data: { updateId: ++written, attempts: 1, state: "done", updatedAt: new Date() } });
        await nextTurn(); // the SQLite driver is synchronous: let timers and the child's output in
      }
    })();
    await waitUntil(() => written > 200, 5000, () => "the writer did not start");
    const before = written - 1;
    const target = join(mkdtempSync(join(tmpdir(), "ops-")), "backups", "copy.db"); // a folder not made yet
    const child = spawn(join(root, "node_modules", ".bin", "tsx"), ["src/cli/index.ts", "backup", target], {
      cwd: root, env: { ...baseEnv, DATABASE_FILE: file },
    });
    const run = { stdout: "", stderr: "" };
    child.stdout.on("data", (d) => (run.stdout += d));
    child.stderr.on("data", (d) => (run.stderr += d));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    const during = written - before;
    writing = false;
    await writer;
    await db.$disconnect();
    expect(code).toBe(0);
    expect(run.stderr).toBe("");
    expect(during).toBeGreaterThan(0);
    expect(run.stdout).toBe(`${delivery.backupDone(target)}\n`);
    expect(mode(target)).toBe(0o600);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = (copy.prepare("SELECT count(*) AS n FROM ProcessedUpdate").get() as { n: number }).n;
    expect(rows).toBeGreaterThanOrEqual(before);
    expect(rows).toBeLessThanOrEqual(written);
    copy.close();
  });
});

describe("a bot that loses Telegram after it started", () => {
  it("gives up when getUpdates keeps failing, with one line saying so", async () => {
    const config = loadConfig({ DATABASE_FILE: tempDb(), TELEGRAM_API_ROOT: emulator.apiRoot });
    const server = await startServer({ ...config, botToken: emulator.token }, { clock: () => new Date(), log: silentLogger, pollingGiveUpMs: 1500 });
    try {
      emulator.failPolling({ code: 502, description: "Bad Gateway", retryAfterS: 1 });
      await emulator.user({ id: 9090 }).sendText("Xin chào"); // ends the long poll in progress
      const line = await server.lost;
      expect(line).toBe(delivery.pollingGaveUp(2, "502: Bad Gateway"));
    } finally {
      emulator.failPolling(undefined);
      await server.stop();
    }
  });
});

describe("npm start, compiled", () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill("SIGKILL")));

  /** Starts the bot as a process; resolves its output so far and its exit code once it connected. */
  async function startBot(command: string, args: string[]) {
    const env = { ...baseEnv, DATABASE_FILE: tempDb(), TELEGRAM_API_ROOT: emulator.apiRoot, BOT_TOKEN: emulator.token };
    const child = spawn(command, args, { cwd: root, env });
    children.push(child);
    const state = { output: "" };
    child.stdout?.on("data", (d) => (state.output += d));
    child.stderr?.on("data", (d) => (state.output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await waitUntil(() => state.output.includes("connected"), 90_000, () => state.output);
    return { state, exited };
  }

  it("builds dist/, runs node on it, and stops with exit code 1 and one line when another instance polls (409)", async () => {
    const { state, exited } = await startBot("npm", ["start", "--silent"]);
    expect(existsSync(join(root, "dist", "src", "main.js"))).toBe(true);
    emulator.failPolling({ code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
    try {
      expect(await exited).toBe(1);
    } finally {
      emulator.failPolling(undefined);
    }
    const errors = state.output.split("\n").filter((l) => l.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!).msg).toBe(delivery.pollingConflict(
      "409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    expect(state.output).not.toContain(emulator.token);
  }, 120_000);

  it("stops with exit code 1 when the token is revoked (401)", async () => {
    const token = emulator.token;
    const { state, exited } = await startBot(process.execPath, [join(root, "dist", "src", "main.js")]);
    emulator.revokeToken(token);
    expect(await exited).toBe(1);
    expect(state.output).toContain(delivery.tokenRevoked("401: Unauthorized"));
    expect(state.output).not.toContain(token);
  }, 60_000);

  it("runs an isolated function from the compiled JavaScript", () => {
    const isolate = pathToFileURL(join(root, "dist", "src", "documents", "isolate.js")).href;
    const guard = pathToFileURL(join(root, "dist", "src", "documents", "zipGuard.js")).href;
    const script = `const { runIsolated } = await import(${JSON.stringify(isolate)});
      console.log(JSON.stringify(await runIsolated(new URL(${JSON.stringify(guard)}), "checkZip", [Buffer.from("not a zip")])));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, value: { ok: false, refusal: { reason: "not_a_zip" } } });
  });
});

describe("a paused sender (`npm run cli -- outbox pause`)", () => {
  it("sends nothing and reports nothing until it is resumed, then both go out", { timeout: 30_000 }, async () => {
    const tb = await startTestBot({ now: "2024-12-23 09:00" });
    try {
      const secretary = await tb.register(501, "Quang", "secretary");
      const head = await tb.register(701, "Khoa", "unit_head", "QLKH");
      const db = tb.server.app.db;
      const member = await db.member.findFirstOrThrow({ where: { chatId: "701" } });
      await setSetting(db, PAUSED, "1");
      await db.$transaction((tx) => enqueue(tx, [{ kind: "notice", day: "2024-12-23", memberId: member.id, chatId: "701", text: "Tin gửi khi đang tạm dừng" }]));
      await db.delivery.create({ data: { kind: "reminder", day: "2024-12-23", memberId: member.id, chatId: "701", text: "Nhắc việc", state: "failed", attempts: 1, error: "Bad Request: message is too long" } });
      tb.server.sender.wake();
      // The sender looks at the outbox once a second: three looks.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(tb.emulator.botMessages(701).filter((m) => m.text === "Tin gửi khi đang tạm dừng")).toEqual([]);
      expect(tb.emulator.botMessages(501).filter((m) => m.text?.includes("Nhắc việc"))).toEqual([]);

      await setSetting(db, PAUSED, "0");
      await tb.settle();
      expect(await head.waitForMessages((m) => m.text === "Tin gửi khi đang tạm dừng")).toHaveLength(1);
      expect(await secretary.waitForMessages((m) => m.text?.includes("message is too long") ?? false)).toHaveLength(1);
    } finally {
      await tb.close();
    }
  });
});
