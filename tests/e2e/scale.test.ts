// A department of 1,500 units, each head registered, with 5,000 tasks due: the bot starts, and its
// morning pass reminds every head once with exactly their unit's tasks (before, a thousand members
// stopped it at start and a thousand due tasks stopped the pass).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { startEmulator } from "../../src/emulator/index.js";
import { silentLogger } from "../../src/logger.js";
import { startServer } from "../../src/server.js";
import { vnTime } from "../support/data.js";
import { createScaleDatabase, headChat, SECRETARY_CHAT } from "../support/scale.js";

const UNITS = 1500;
const TASKS = 5000;
const dir = mkdtempSync(join(tmpdir(), "giaoban-scale-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("starts with 1,500 members and reminds each head once of the unit's due tasks", { timeout: 180_000 }, async () => {
  const emulator = await startEmulator();
  const { databaseFile, orgFile } = await createScaleDatabase(dir, "bot", { units: UNITS, tasks: TASKS });
  const config = loadConfig({ DATABASE_FILE: databaseFile, ORG_FILE: orgFile, TELEGRAM_API_ROOT: emulator.apiRoot });

  // Monday 08:30: the start-up catch-up runs the morning's pass. Telegram's overall rate is lifted
  // so the test does not wait a minute; the per-chat rules stay.
  const server = await startServer({ ...config, botToken: emulator.token }, { clock: () => vnTime("2024-12-23 08:30"), log: silentLogger, sendLimits: { perSecond: 10_000 } });
  try {
    await server.sender.idle();
    const received = Array.from({ length: UNITS }, (_, i) => emulator.botMessages(headChat(i)));
    expect(received.filter((m) => m.length !== 1)).toEqual([]);
    // Unit i has the tasks i, i + 1,500, i + 3,000 … (seedScale spreads them in turn).
    const numbered = (i: number) => (received[i]![0]!.text!.match(/^\d+\. /gm) ?? []).length;
    expect(numbered(0)).toBe(4); // tasks 1, 1501, 3001, 4501
    expect(numbered(UNITS - 1)).toBe(3);
    expect(received.reduce((n, _, i) => n + numbered(i), 0)).toBe(TASKS);
    expect(emulator.botMessages(SECRETARY_CHAT)).toEqual([]);
  } finally {
    await server.stop();
    await emulator.stop();
  }
});
