// Asking for a later deadline (the unit head, after the 📅 button) and deciding on it (staff).
import { Composer, Markup } from "telegraf";
import { decideExtension, findExtension, pendingExtension, requestExtension } from "../../db/extensions.js";
import { membersWithRoles } from "../../db/members.js";
import { findTask } from "../../db/tasks.js";
import { parseVnDate } from "../../domain/calendar.js";
import { shorten } from "../../domain/text.js";
import { bot as t } from "../../messages/index.js";
import { sendTo } from "../../services/send.js";
import { extensionData } from "../callback-data/index.js";
import { member, type BotContext } from "../context.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";

export const extensionRequestFeature = new Composer<BotContext>();

extensionRequestFeature.on("text", async (ctx, next) => {
  const step = ctx.session.step;
  if (step?.kind !== "extension_date" || ctx.message.text.startsWith("/")) return next();
  const task = await findTask(ctx.app.db, step.taskId);
  if (!task) {
    ctx.session.step = undefined;
    return ctx.reply(t.taskNotFound(step.taskId));
  }
  const day = parseVnDate(ctx.message.text);
  const today = ctx.app.today();
  // A wrong date keeps the question open: the next message is another try.
  if (!day) return ctx.reply(t.badDate);
  if (day < today) return ctx.reply(t.pastDate(today));
  if (day <= task.deadline) return ctx.reply(t.extensionNotLater(task.deadline));
  ctx.session.step = undefined;
  if (await pendingExtension(ctx.app.db, task.id)) return ctx.reply(t.extensionPending);
  const me = member(ctx);
  const request = await requestExtension(ctx.app.db, { taskId: task.id, memberId: me.id, requestedOn: day, at: ctx.app.clock() });
  const text = t.extensionRequest(me.name, task.unit.name, task.id, shorten(task.content, 300), task.deadline, day);
  const keyboard = Markup.inlineKeyboard([
    Markup.button.callback(t.approve, extensionData.pack({ requestId: request.id, decision: "a" })),
    Markup.button.callback(t.refuse, extensionData.pack({ requestId: request.id, decision: "r" })),
  ]);
  let deciders = await membersWithRoles(ctx.app.db, ["secretary"]);
  if (deciders.length === 0) deciders = await membersWithRoles(ctx.app.db, ["director"]);
  for (const decider of deciders) await sendTo(ctx.app, ctx.telegram, decider, text, keyboard);
  await ctx.reply(t.extensionSent);
});

const decisions = new Composer<BotContext>();

decisions.action(extensionData.match, async (ctx) => {
  const { requestId, decision } = extensionData.unpack(ctx.match);
  const approve = decision === "a";
  const me = member(ctx);
  const decided = await decideExtension(ctx.app.db, { id: requestId, approve, deciderId: me.id, at: ctx.app.clock() });
  if (!decided) return ctx.answerCbQuery(t.extensionAlreadyDecided, { show_alert: true });
  const request = (await findExtension(ctx.app.db, requestId))!;
  await ctx.answerCbQuery(approve ? t.approve : t.refuse);
  const original = ctx.callbackQuery.message && "text" in ctx.callbackQuery.message ? ctx.callbackQuery.message.text : "";
  await ctx.editMessageText(original + t.extensionDecided(approve ? t.approve : t.refuse, me.name)).catch(() => undefined);
  const answer = approve ? t.extensionApproved(request.taskId, request.requestedOn) : t.extensionRefused(request.taskId);
  await sendTo(ctx.app, ctx.telegram, request.member, answer);
});

export const extensionDecisionFeature = door(STAFF, { commands: [], actions: [extensionData.match] }, decisions);
