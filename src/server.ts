// Starting and stopping the whole bot: database, org, Telegram polling, catch-up, schedules.
// `npm start` (src/main.ts) and the demo both use it.
import type { Telegraf } from "telegraf";
import { createApp, type App } from "./app.js";
import { createBot } from "./bot/index.js";
import { refreshMenus } from "./bot/commands.js";
import type { BotContext } from "./bot/context.js";
import type { Config } from "./config/env.js";
import { openDatabase } from "./db/client.js";
import { loadOrg } from "./db/org.js";
import type { Clock } from "./domain/calendar.js";
import type { Logger } from "./logger.js";
import { delivery as text } from "./messages/vi/delivery.js";
import { ensureOrg } from "./services/org.js";
import { catchUp, startSchedules } from "./schedules/index.js";
import { startSender, type Sender } from "./services/outbox.js";
import { createBotApi } from "./telegram/botApi.js";
import { Pacer, type PacerLimits } from "./telegram/pacer.js";

export interface Server {
  app: App;
  bot: Telegraf<BotContext>;
  username: string;
  /**
   * Settles once the bot can no longer hear Telegram after it started, with one line for the
   * operator: another instance polls with the token (409), the token was revoked (401), or
   * getUpdates kept failing for `pollingGiveUpMs`. The process should stop: never a deaf bot.
   */
  lost: Promise<string>;
  /** The background sender of the outbox. */
  sender: Sender;
  /** Settles when the menus that changed since the last start are set (in the background). */
  menus: Promise<unknown>;
  stop(reason?: string): Promise<void>;
}

/** How long getUpdates may fail without a break before the bot gives up (telegraf retries forever). */
export const POLLING_GIVE_UP_MS = 10 * 60_000;

function lossLine(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const why = e instanceof Error ? e.message : String(e);
  if (code === 409) return text.pollingConflict(why);
  if (code === 401) return text.tokenRevoked(why);
  return text.pollingFailed(why);
}

/**
 * Watches getUpdates through telegraf's callApi: telegraf retries network errors and 5xx answers
 * forever and says nothing, so the first failure is logged and a failure lasting `giveUpMs` is a loss.
 */
function watchPolling(bot: Telegraf<BotContext>, log: Logger, giveUpMs: number, lost: (line: string) => void): void {
  const callApi = bot.telegram.callApi.bind(bot.telegram) as (...args: unknown[]) => Promise<unknown>;
  let failingSince: number | undefined;
  bot.telegram.callApi = (async (method: string, ...rest: unknown[]) => {
    if (method !== "getUpdates") return callApi(method, ...rest);
    try {
      const updates = await callApi(method, ...rest);
      if (failingSince !== undefined) log.info("getUpdates answers again");
      failingSince = undefined;
      return updates;
    } catch (e) {
      if ((e as Error).name !== "AbortError") {
        failingSince ??= Date.now();
        if (Date.now() - failingSince >= giveUpMs) lost(text.pollingGaveUp(Math.round(giveUpMs / 1000), (e as Error).message));
        else log.warn(`getUpdates failed, retrying: ${(e as Error).message}`);
      }
      throw e;
    }
  }) as typeof bot.telegram.callApi;
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

export async function startServer(
  config: Config & { botToken: string },
  opts: { clock: Clock; log: Logger; pollingGiveUpMs?: number; sendLimits?: Partial<PacerLimits> },
): Promise<Server> {
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

  let onLost: (line: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => (onLost = resolve));
  watchPolling(bot, app.log, opts.pollingGiveUpMs ?? POLLING_GIVE_UP_MS, onLost);
  let polling: Promise<void> = Promise.resolve();
  await new Promise<void>((started, failed) => {
    polling = bot.launch({ dropPendingUpdates: false }, () => started());
    polling.catch(failed);
  });
  // Before the start the rejection fails startServer; after it, the bot has gone deaf.
  polling.catch((e: unknown) => onLost(lossLine(e)));
  app.log.info(`connected to ${config.apiRoot} as @${bot.botInfo.username}, database ${config.databaseFile}, time zone ${config.timeZone}`);
  const pacer = new Pacer(opts.sendLimits);
  const sender = await startSender(app, createBotApi({ apiRoot: config.apiRoot, token: config.botToken }), pacer);
  const stopMenus = new AbortController();
  const menus = refreshMenus(app, bot.telegram, pacer, stopMenus.signal).then(
    (n) => n > 0 && app.log.info(`command menus set: ${n}`),
    (e: unknown) => app.log.warn(`command menus not refreshed: ${(e as Error).message}`),
  );
  app.wakeSender = sender.wake;
  await catchUp(app);
  const schedules = startSchedules(app);

  let stopping: Promise<void> | undefined;
  return {
    app,
    bot,
    username: bot.botInfo.username,
    lost,
    sender,
    menus,
    stop(reason = "stop") {
      // The polling loop ends after the updates in hand are handled; then the database closes.
      stopping ??= (async () => {
        stopMenus.abort();
        await schedules.stop();
        await menus;
        await stopPolling(bot, polling, reason);
        await polling.catch(() => undefined);
        await sender.stop();
        await db.$disconnect();
        app.log.info("stopped");
      })();
      return stopping;
    },
  };
}
