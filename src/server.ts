// Starting and stopping the whole bot: database, org, Telegram polling, catch-up, schedules.
// `npm start` (src/main.ts) and the demo both use it.
import type { Telegraf } from "telegraf";
import { createApp, type App } from "./app.js";
import { createBot } from "./bot/index.js";
import { setCommandsFor, setDefaultCommands } from "./bot/commands.js";
import type { BotContext } from "./bot/context.js";
import type { Config } from "./config/env.js";
import { openDatabase } from "./db/client.js";
import { membersWithRoles } from "./db/members.js";
import { loadOrg } from "./db/org.js";
import type { Clock } from "./domain/calendar.js";
import { ROLES } from "./domain/types.js";
import type { Logger } from "./logger.js";
import { ensureOrg } from "./services/org.js";
import { catchUp, startSchedules } from "./schedules/index.js";

export interface Server {
  app: App;
  bot: Telegraf<BotContext>;
  username: string;
  stop(reason?: string): Promise<void>;
}

/**
 * telegraf's launch calls back before polling has begun (it first deletes any webhook), and
 * `stop()` in that window throws "Bot is not running!"; wait for polling to begin, then stop it.
 */
async function stopPolling(bot: Telegraf<BotContext>, polling: Promise<void>, reason: string): Promise<void> {
  let ended = false;
  const end = () => {
    ended = true;
  };
  polling.then(end, end);
  while (!ended) {
    try {
      bot.stop(reason);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export async function startServer(config: Config & { botToken: string }, opts: { clock: Clock; log: Logger }): Promise<Server> {
  const db = await openDatabase(config.databaseFile);
  await ensureOrg(db, config.orgFile);
  const app = createApp({ db, config, clock: opts.clock, log: opts.log, calendar: (await loadOrg(db)).calendar });
  const bot = createBot(app, config.botToken);
  try {
    bot.botInfo = await bot.telegram.getMe();
  } catch (e) {
    await db.$disconnect();
    throw e;
  }
  await setDefaultCommands(app, bot.telegram);
  for (const member of await membersWithRoles(db, [...ROLES])) await setCommandsFor(app, bot.telegram, member);

  let polling: Promise<void> = Promise.resolve();
  await new Promise<void>((started, failed) => {
    polling = bot.launch({ dropPendingUpdates: false }, () => started());
    polling.catch(failed);
  });
  app.log.info(`connected to ${config.apiRoot} as @${bot.botInfo.username}, database ${config.databaseFile}, time zone ${config.timeZone}`);
  await catchUp(app, bot.telegram);
  const schedules = startSchedules(app, bot.telegram);

  let stopping: Promise<void> | undefined;
  return {
    app,
    bot,
    username: bot.botInfo.username,
    stop(reason = "stop") {
      // The polling loop ends after the updates in hand are handled; then the database closes.
      stopping ??= (async () => {
        await schedules.stop();
        await stopPolling(bot, polling, reason);
        await polling.catch(() => undefined);
        await db.$disconnect();
        app.log.info("stopped");
      })();
      return stopping;
    },
  };
}
