// First middleware: every update is handled once. Telegram redelivers updates that were not
// confirmed before a crash; one already handled is skipped, and one that failed (threw, or crashed
// the process mid-way) three times is dropped with a log line and one apology, never a crash loop.
import type { Context, MiddlewareFn } from "telegraf";
import type { App } from "../../app.js";
import { admitUpdate, finishUpdate, MAX_ATTEMPTS, pruneProcessedUpdates } from "../../db/processedUpdates.js";
import { delivery as t } from "../../messages/vi/delivery.js";
import { tell } from "./answer.js";

const PRUNE_EVERY_MS = 3_600_000;

export function processOnce<C extends Context>(app: App): MiddlewareFn<C> {
  let lastPrune = -Infinity;
  const drop = async (ctx: C, why: string, err?: unknown) => {
    app.log.error(`update ${ctx.update.update_id} dropped after ${MAX_ATTEMPTS} attempts: ${why}`, err);
    if (ctx.chat) await tell(ctx, t.updateDropped).catch(() => undefined);
  };
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const now = app.clock();
    if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await pruneProcessedUpdates(app.db, now);
    }
    const admission = await admitUpdate(app.db, id, now);
    if (!admission.handle) {
      if (admission.drop) await drop(ctx, "it was being handled when the bot stopped");
      else app.log.debug(`update ${id} already handled: skipped`);
      return;
    }
    try {
      await next();
    } catch (err) {
      if (admission.attempt < MAX_ATTEMPTS) {
        await finishUpdate(app.db, id, "failed", app.clock());
        throw err; // the bot's error boundary answers this attempt
      }
      await finishUpdate(app.db, id, "dropped", app.clock());
      return drop(ctx, "it failed every time", err);
    }
    await finishUpdate(app.db, id, "done", app.clock());
  };
}
