// The real bot (startServer) against the emulator, on a fresh SQLite file, with a clock the test
// moves by hand: reminder days are simulated, never waited for.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { createInvite } from "../../src/db/members.js";
import type { Role } from "../../src/domain/types.js";
import { startEmulator, type BotMessage, type Emulator, type TestUser } from "../../src/emulator/index.js";
import { silentLogger } from "../../src/logger.js";
import { startServer, type Server } from "../../src/server.js";
import { vnTime } from "./data.js";

export class TestClock {
  constructor(private instant: Date) {}
  now = (): Date => this.instant;
  /** Sets the clock to `local` ("2024-12-23 08:05"), read in Vietnam time (UTC+7). */
  set(local: string): void {
    this.instant = vnTime(local);
  }
}

export interface TestBot {
  emulator: Emulator;
  server: Server;
  clock: TestClock;
  dir: string;
  /** Stops the bot (as a restart would) and starts it again on the same database. */
  restart(): Promise<void>;
  /** Waits until the outbox has nothing waiting or under way: what the bot decided to send has gone out. */
  settle(): Promise<void>;
  /**
   * A simulated person registered through an invite and /start, as they would in real life: a
   * unit head of `unitCode`, a deputy overseeing the units `oversees` (none: every unit).
   */
  register(id: number, name: string, role: Role, unitCode?: string, oversees?: string[]): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startTestBot(options: { now: string; env?: Record<string, string> }): Promise<TestBot> {
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), "giaoban-e2e-"));
  const clock = new TestClock(new Date());
  clock.set(options.now);
  const config = loadConfig({ DATABASE_FILE: join(dir, "bot.db"), TELEGRAM_API_ROOT: emulator.apiRoot, ...options.env });
  // The menus are set in the background; a test starts once they are, as a user would see them.
  const start = async () => {
    const server = await startServer({ ...config, botToken: emulator.token }, { clock: clock.now, log: silentLogger });
    await server.menus;
    return server;
  };
  const bot: TestBot = {
    emulator,
    clock,
    dir,
    server: await start(),
    async restart() {
      await bot.server.stop();
      bot.server = await start();
    },
    settle: () => bot.server.sender.idle(),
    async register(id, name, role, unitCode, oversees) {
      const expiresAt = new Date(clock.now().getTime() + 3_600_000);
      const invite = await createInvite(bot.server.app.db, { role, unitCode, oversees, expiresAt });
      const user = emulator.user({ id, firstName: name });
      await user.sendCommand(`/start ${invite.code}`);
      await user.waitForMessages((m) => m.text?.startsWith("Chào") ?? false);
      return user;
    },
    async close() {
      await bot.server.stop();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bot;
}

/** The one message the bot sends `user` next (more at once fail the test). */
export async function only(user: TestUser): Promise<BotMessage> {
  const [answer, ...more] = await user.waitForMessages(1);
  expect(more).toEqual([]);
  return answer!;
}

/** Whether the message asks for an answer (Telegram's force_reply). */
export const isForceReply = (m: BotMessage) => (m.reply_markup as { force_reply?: boolean } | undefined)?.force_reply === true;

/** The labels of a message's inline buttons, row after row. */
export const buttonsOf = (m: BotMessage | undefined) => m?.reply_markup?.inline_keyboard?.flat().map((b) => b.text);
