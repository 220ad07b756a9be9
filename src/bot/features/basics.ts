// Registration (/start <code>), /help, /cancel, and what is said when nothing else understood.
import { Composer } from "telegraf";
import { redeemInvite } from "../../db/members.js";
import { bot as t } from "../../messages/index.js";
import { setCommandsFor } from "../commands.js";
import { member, type BotContext } from "../context.js";

export const basicsFeature = new Composer<BotContext>();

basicsFeature.start(async (ctx) => {
  const code = ctx.payload.trim();
  if (ctx.member) return ctx.reply(code ? t.alreadyRegistered : `${t.welcomeBack(ctx.member.name)}\n\n${t.help(ctx.member.role)}`);
  const from = ctx.from;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ");
  const result = await redeemInvite(ctx.app.db, { code, telegramUserId: String(from.id), chatId: String(ctx.chat.id), name, now: ctx.app.clock() });
  if (!result.ok) {
    const reasons = { unknown: t.inviteUnknown, used: t.inviteUsed, expired: t.inviteExpired, already_registered: t.alreadyRegistered };
    return ctx.reply(reasons[result.reason]);
  }
  const m = result.member;
  const welcome = t.welcome(m.name, m.role, m.unit?.name ?? null, m.oversees.map((o) => o.unit.name));
  await ctx.reply(`${welcome}\n\n${t.help(m.role)}`);
  await setCommandsFor(ctx.app, ctx.telegram, m);
});

basicsFeature.help((ctx) => ctx.reply(t.help(member(ctx).role)));

basicsFeature.command("cancel", async (ctx) => {
  const had = !!ctx.session.step;
  ctx.session.step = undefined;
  await ctx.reply(had ? t.cancelled : t.nothingToCancel);
});

/** Last in line: an unknown command, a stray message or an old button. */
export const fallback = new Composer<BotContext>();
fallback.on("text", (ctx) => ctx.reply(ctx.message.text.startsWith("/") ? t.unknownCommand : t.notUnderstood));
fallback.on("callback_query", (ctx) => ctx.answerCbQuery(t.staleButton));
fallback.on("message", (ctx) => ctx.reply(t.notUnderstood));
