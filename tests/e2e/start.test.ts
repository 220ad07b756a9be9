// `npm start` as the operator runs it: a process, configured by the environment.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, waitUntil, type Emulator } from "../../src/emulator/index.js";
import { admin } from "../../src/messages/index.js";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

function run(args: string[], env: Record<string, string>) {
  return spawnSync(tsx, args, { cwd: root, env: { ...baseEnv, ...env }, encoding: "utf8", timeout: 30_000 });
}

/**
 * The bot as its own process, for the signal it is sent: node itself with tsx's loader, not tsx's
 * CLI, which relays a SIGTERM and kills its child with SIGKILL when the child, busy starting,
 * takes over 30 ms to say it got it (the exit code 143 this test used to see under load).
 */
function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env: { ...baseEnv, ...env } });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, exited, output: () => output };
}

describe("npm start", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator?.stop());

  it("without a token says how to get one and how to run the demo, exit code 2", () => {
    const result = run(["src/main.ts"], { DATABASE_FILE: join(mkdtempSync(join(tmpdir(), "start-")), "bot.db") });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(admin.noToken);
  });

  it("reads .env in the folder it runs from, as the README's `cp .env.example .env` sets it up", () => {
    const cwd = mkdtempSync(join(tmpdir(), "start-"));
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const start = () => spawnSync(tsx, [join(root, "src", "main.ts")], { cwd, env: baseEnv, encoding: "utf8", timeout: 30_000 });
    writeFileSync(join(cwd, ".env"), example);
    // Every documented default is valid; only the token is missing.
    expect(start()).toMatchObject({ status: 2, stderr: `${admin.noToken}\n` });
    writeFileSync(join(cwd, ".env"), `${example}\nREMINDER_HOUR=99\n`);
    const bad = start();
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^\s+- REMINDER_HOUR: /m);
  });

  it("with bad settings lists every problem at once, no stack trace, no secret", () => {
    const secret = "secret value that is not a token";
    const result = run(["src/main.ts"], { BOT_TOKEN: secret, REMINDER_HOUR: "99", TIME_ZONE: "Nowhere/City" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("BOT_TOKEN");
    expect(result.stderr).toContain("REMINDER_HOUR");
    expect(result.stderr).toContain("TIME_ZONE");
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("with a bad org file names each problem in Vietnamese and where it is, exit code 2, no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "start-"));
    const orgFile = join(dir, "org.json");
    writeFileSync(orgFile, JSON.stringify({ department: "Sở Khoa học và Công nghệ", units: [{ code: "x", name: "X" }] }));
    const result = run(["src/main.ts"], { DATABASE_FILE: join(dir, "bot.db"), TELEGRAM_API_ROOT: emulator.apiRoot, BOT_TOKEN: emulator.token, ORG_FILE: orgFile });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(admin.orgInvalid);
    expect(result.stderr).toContain("units.0.code: mã đơn vị gồm 2–16 chữ in hoa hoặc số");
    expect(result.stderr).toContain("units.0.name: tên đơn vị quá ngắn");
    expect(result.stderr).not.toContain(emulator.token);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("connects, serves a registered person, and stops cleanly on SIGTERM without logging the token", async () => {
    const dir = mkdtempSync(join(tmpdir(), "start-"));
    const env = { DATABASE_FILE: join(dir, "bot.db"), TELEGRAM_API_ROOT: emulator.apiRoot, BOT_TOKEN: emulator.token };
    const invite = run(["src/cli/index.ts", "invite", "--role", "secretary"], env);
    const code = /([A-Z0-9]{8})/.exec(invite.stdout)?.[1];
    expect(code).toBeDefined();

    const { child, exited, output } = startBot(env);
    await waitUntil(() => output().includes("connected"), 20_000, output);
    expect(output()).toContain(`connected to ${emulator.apiRoot}`);

    const user = emulator.user({ id: 777, firstName: "Quang" });
    await user.sendCommand(`/start ${code}`);
    const [welcome] = await user.waitForMessages(1, 10_000);
    expect(welcome?.text).toContain("Chào Quang");
    // The command menu is set for the secretary's chat, right after the welcome.
    const menu = () => emulator.commands({ type: "chat", chat_id: 777 })?.map((c) => c.command) ?? [];
    await waitUntil(() => menu().length > 0, 5000, () => "no command menu for the chat");
    expect(menu()).toContain("import");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).toContain("stopped");
    expect(output()).not.toContain(emulator.token);
  });

  it("stops cleanly on a SIGTERM that comes while it is still starting", async () => {
    const dir = mkdtempSync(join(tmpdir(), "start-"));
    const { child, exited, output } = startBot({ DATABASE_FILE: join(dir, "bot.db"), TELEGRAM_API_ROOT: emulator.apiRoot, BOT_TOKEN: emulator.token });
    // Polling has begun; the outbox, the catch-up and the schedules are still to start.
    await waitUntil(() => output().includes("connected"), 20_000, output);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).toContain("stopped");
  });
});
