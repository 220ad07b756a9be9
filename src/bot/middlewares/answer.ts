// Every button press is answered exactly once, after the work: the spinner on the user's phone
// stops when the outcome is known, and the answer says it. Telegram refuses a second answer to a
// press, and any answer after its ~15 s limit.
import type { Context, MiddlewareFn } from "telegraf";
import type { BotContext } from "../context.js";

/** Presses whose answer was sent (or tried): a second one would be refused. */
const answered = new WeakSet<Context>();

/** Telegram's words for a press answered already, or too late. */
const EXPIRED = /query is too old|query id is invalid/i;

/**
 * For a button press, `ctx.answerCbQuery` answers the first time and is a no-op after; a press no
 * handler answered gets an empty answer once the handlers are done. A failed handler's press is
 * answered by the error boundary (`tell`). An answer Telegram refuses as too late is logged, and
 * its text, if any, sent as a message: the user still learns the outcome.
 */
export const answerOnce: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (!ctx.callbackQuery) return next();
  const answer = ctx.answerCbQuery.bind(ctx);
  ctx.answerCbQuery = async (text, extra) => {
    if (answered.has(ctx)) {
      ctx.app.log.debug(`update ${ctx.update.update_id}: press answered already, «${text ?? ""}» not sent`);
      return true;
    }
    answered.add(ctx);
    try {
      return await answer(text, extra);
    } catch (e) {
      if (!EXPIRED.test((e as Error).message)) throw e;
      ctx.app.log.warn(`update ${ctx.update.update_id}: press answered too late: ${(e as Error).message}`);
      if (text) await ctx.reply(text);
      return true;
    }
  };
  await next();
  if (!answered.has(ctx)) await ctx.answerCbQuery();
};

/** Says `text` to the caller: as the press's answer (an alert) while it has none, else as a message. */
export async function tell(ctx: Context, text: string): Promise<void> {
  if (!ctx.callbackQuery || answered.has(ctx)) await ctx.reply(text);
  else await ctx.answerCbQuery(text, { show_alert: true }).catch(() => ctx.reply(text));
}
