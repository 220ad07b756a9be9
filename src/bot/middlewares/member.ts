import type { MiddlewareFn } from "telegraf";
import { findMember, setReachable } from "../../db/members.js";
import { common } from "../../messages/index.js";
import type { BotContext } from "../context.js";

const START_WITH_CODE = /^\/start(@\w+)?\s+\S+/;

/**
 * The door: loads the caller's membership. An unknown account gets one polite line whatever it
 * sends, except `/start <code>`, which is how it registers. Only private chats are served.
 */
export const loadMember: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (!ctx.from || ctx.chat?.type !== "private" && !ctx.callbackQuery) return;
  ctx.member = (await findMember(ctx.app.db, String(ctx.from.id))) ?? undefined;
  if (ctx.member) {
    // A member who writes to the bot can be reached again.
    if (!ctx.member.reachable) await setReachable(ctx.app.db, ctx.member.id, true);
    return next();
  }
  const text = ctx.message && "text" in ctx.message ? ctx.message.text : "";
  if (START_WITH_CODE.test(text)) return next();
  if (ctx.callbackQuery) return ctx.answerCbQuery(common.notRegistered, { show_alert: true }).then(() => undefined);
  await ctx.reply(common.notRegistered);
};
