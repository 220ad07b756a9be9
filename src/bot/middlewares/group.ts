// Group chats: the bot answers nothing there. A registered secretary's /linkgroup (or /unlinkgroup)
// links the department's briefing group to receive the digest and the report; the secretary is
// told in private.
import type { MiddlewareFn } from "telegraf";
import { findMember } from "../../db/members.js";
import { linkGroup } from "../../services/group.js";
import type { BotContext } from "../context.js";

const LINK = /^\/(link|unlink)group(@\w+)?(\s|$)/;

export const groupChats: MiddlewareFn<BotContext> = async (ctx, next) => {
  const chat = ctx.chat;
  if (!chat || (chat.type !== "group" && chat.type !== "supergroup")) return next();
  const text = ctx.message && "text" in ctx.message ? ctx.message.text : "";
  const command = LINK.exec(text);
  if (!command || !ctx.from) return;
  const member = await findMember(ctx.app.db, String(ctx.from.id));
  if (member?.role !== "secretary") return;
  await linkGroup(ctx.app, { link: command[1] === "link", chatId: String(chat.id), title: chat.title, secretary: member });
};
