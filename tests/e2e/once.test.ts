// Telegram redelivers an update the bot did not confirm (it crashed, or was stopped mid-way). The
// bot handles each update once, and gives up with one apology on an update that fails three times.
import { Telegraf } from "telegraf";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { processOnce } from "../../src/bot/middlewares/once.js";
import { loadConfig } from "../../src/config/env.js";
import { admitUpdate } from "../../src/db/processedUpdates.js";
import { startEmulator, waitUntil, type Emulator } from "../../src/emulator/index.js";
import type { Logger } from "../../src/logger.js";
import { delivery } from "../../src/messages/vi/delivery.js";
import { startTestBot, type TestBot } from "../support/bot.js";
import { createTestDb, type TestDb } from "../support/db.js";

describe("an update redelivered to the full bot", () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  it("is answered once: after a restart the same update_id does nothing", async () => {
    bot = await startTestBot({ now: "2024-12-02 09:00" });
    const stranger = bot.emulator.user({ id: 5150, firstName: "Lan" });
    const updateId = await stranger.sendText("Xin chào");
    expect(await stranger.waitForMessages(1)).toHaveLength(1);

    bot.emulator.redeliver(updateId);
    const stored = bot.emulator.lastUserUpdate(5150, "message");
    await bot.restart();
    // The restarted bot fetched the update again and confirmed it...
    await waitUntil(() => stored?.isRead === true, 5000, () => "the update was not fetched again");
    // ...without answering a second time.
    await stranger.expectNoNewMessages(500);
    expect(stranger.allMessages()).toHaveLength(1);
    const row = await bot.server.app.db.processedUpdate.findUnique({ where: { updateId } });
    expect(row).toMatchObject({ attempts: 1, state: "done" });
  });
});

describe("an update that keeps failing", () => {
  let emulator: Emulator;
  let testDb: TestDb;
  afterEach(async () => {
    await emulator?.stop();
    await testDb?.close();
  });

  it("is tried three times, then dropped with one apology and a log line, and never tried again", async () => {
    emulator = await startEmulator();
    testDb = await createTestDb();
    const errors: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn() {}, error: (msg) => void errors.push(msg) };
    const app = createApp({ db: testDb.db, config: loadConfig({}), clock: () => new Date(), log });
    let attempts = 0;
    const launch = () => {
      const bot = new Telegraf(emulator.token, { telegram: { apiRoot: emulator.apiRoot } });
      bot.use(processOnce(app));
      bot.on("message", () => {
        attempts++;
        throw new Error("handler bug");
      });
      bot.catch(async (_err, ctx) => void (await ctx.reply("Có lỗi xảy ra.")));
      return emulator.launchBot(bot);
    };
    const user = emulator.user({ id: 6160 });
    const updateId = await user.sendText("Báo cáo tiến độ");
    for (let round = 1; round <= 4; round++) {
      const stop = await launch();
      await waitUntil(() => emulator.lastUserUpdate(6160, "message")?.isRead === true, 5000, () => `round ${round}: not fetched`);
      await stop();
      emulator.redeliver(updateId);
    }
    expect(attempts).toBe(3);
    const texts = user.allMessages().map((m) => m.text);
    // Two failed attempts answered by the bot's error boundary, then one apology; the 4th delivery: nothing.
    expect(texts).toEqual(["Có lỗi xảy ra.", "Có lỗi xảy ra.", delivery.updateDropped]);
    expect(errors).toEqual([`update ${updateId} dropped after 3 attempts: it failed every time`]);
  });

  it("that crashed the process mid-way three times is dropped on the next delivery, with an apology", async () => {
    emulator = await startEmulator();
    testDb = await createTestDb();
    const app = createApp({ db: testDb.db, config: loadConfig({}), clock: () => new Date(), log: { debug() {}, info() {}, warn() {}, error() {} } });
    const user = emulator.user({ id: 7170 });
    const updateId = await user.sendText("Tệp rất lớn");
    // Three starts that never finished: the process died each time.
    for (let i = 0; i < 3; i++) expect(await admitUpdate(testDb.db, updateId, new Date())).toMatchObject({ handle: true });
    let handled = false;
    const bot = new Telegraf(emulator.token, { telegram: { apiRoot: emulator.apiRoot } });
    bot.use(processOnce(app));
    bot.on("message", () => void (handled = true));
    const stop = await emulator.launchBot(bot);
    const [apology] = await user.waitForMessages(1);
    await stop();
    expect(apology?.text).toBe(delivery.updateDropped);
    expect(handled).toBe(false);
  });
});
