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
  // Telegram reports a private chat's start, block and unblock as my_chat_member, next to the
  // /start message itself: nothing to answer, but it says whether the member can be reached.
  if (ctx.myChatMember) {
    const reachable = !["kicked", "left"].includes(ctx.myChatMember.new_chat_member.status);
    if (ctx.member && ctx.member.reachable !== reachable) await setReachable(ctx.app.db, ctx.member.id, reachable);
    return;
  }
  if (ctx.member) {
    // A member who writes to the bot can be reached again.
    if (!ctx.member.reachable) await setReachable(ctx.app.db, ctx.member.id, true);
    return next();
  }
  // Only a message or a button press from a stranger gets the line (not an edit, a reaction…).
  if (!ctx.message && !ctx.callbackQuery) return;
  const text = ctx.message && "text" in ctx.message ? ctx.message.text : "";
  if (START_WITH_CODE.test(text)) return next();
  if (ctx.callbackQuery) return ctx.answerCbQuery(common.notRegistered, { show_alert: true }).then(() => undefined);
  await ctx.reply(common.notRegistered);
};
