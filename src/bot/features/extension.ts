// Asking for a later deadline (a responsible unit's head, after the 📅 button: the date, then the
// reason) and deciding on it (the director, or the deputy overseeing the unit); the secretaries
// are told the outcome.
import { Composer } from "telegraf";
import { findExtension, pendingExtension } from "../../db/extensions.js";
import { overseenCodes } from "../../db/members.js";
import { findPart } from "../../db/tasks.js";
import { parseVnDate } from "../../domain/calendar.js";
import { shorten } from "../../domain/text.js";
import { bot as t } from "../../messages/index.js";
import { decideExtensionAndTell, requestExtensionAndAsk } from "../../services/notices.js";
import { extensionData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { answers } from "../dialogue.js";
import { door } from "../filters/door.js";
import { MAX_NOTE } from "./status.js";

export const extensionRequestFeature = new Composer<BotContext>();

/** The part asked about, or the question ends (the task was deleted meanwhile). */
async function partAsked(ctx: BotContext, partId: number) {
  const part = await findPart(ctx.app.db, partId);
  if (!part) ctx.session.step = undefined;
  return part;
}

extensionRequestFeature.use(
  answers("extension_date", async (ctx, step, text) => {
    const part = await partAsked(ctx, step.partId);
    if (!part) return ctx.reply(t.taskNotFound(step.partId));
    const day = parseVnDate(text);
    const today = ctx.app.today();
    // A wrong date keeps the question open: the next message is another try.
    if (!day) return ctx.reply(t.badDate);
    if (day < today) return ctx.reply(t.pastDate(today));
    if (day <= part.deadline) return ctx.reply(t.extensionNotLater(part.deadline));
    ctx.session.step = { kind: "extension_reason", partId: part.id, day };
    await ctx.reply(t.askExtensionReason, { reply_markup: { force_reply: true } });
  }),
  answers("extension_reason", async (ctx, step, text) => {
    const part = await partAsked(ctx, step.partId);
    if (!part) return ctx.reply(t.taskNotFound(step.partId));
    if (text.length < 3) return ctx.reply(t.noteEmpty);
    ctx.session.step = undefined;
    if (await pendingExtension(ctx.app.db, part.id)) return ctx.reply(t.extensionPending);
    const me = member(ctx);
    const reason = shorten(text, MAX_NOTE);
    const message = t.extensionRequest(me.name, part.unit.name, part.taskId, shorten(part.task.content, 300), part.deadline, step.day, reason);
    await requestExtensionAndAsk(ctx.app, { partId: part.id, memberId: me.id, requestedOn: step.day, reason, at: ctx.app.clock() }, message, part.unitId);
    await ctx.reply(t.extensionSent);
  }),
);

const decisions = new Composer<BotContext>();

decisions.action(extensionData.match, async (ctx) => {
  const { requestId, decision } = extensionData.unpack(ctx.match);
  const request = await findExtension(ctx.app.db, requestId);
  if (!request) return ctx.answerCbQuery(t.staleButton);
  const me = member(ctx);
  // The director decides for every unit; a deputy for the units overseen.
  const overseen = overseenCodes(me);
  if (me.role === "deputy" && overseen && !overseen.includes(request.part.unit.code)) return ctx.answerCbQuery(t.notAllowed, { show_alert: true });
  const approve = decision === "a";
  const taskId = request.part.taskId;
  const texts = {
    answer: approve ? t.extensionApproved(taskId, request.requestedOn) : t.extensionRefused(taskId),
    outcome: t.extensionOutcome(request.part.unit.name, taskId, approve, request.requestedOn, me.name),
  };
  const decided = await decideExtensionAndTell(ctx.app, { id: requestId, approve, deciderId: me.id, at: ctx.app.clock() }, texts, request.member);
  if (!decided) return ctx.answerCbQuery(t.extensionAlreadyDecided, { show_alert: true });
  await ctx.answerCbQuery(approve ? t.approve : t.refuse);
  const original = ctx.callbackQuery.message && "text" in ctx.callbackQuery.message ? ctx.callbackQuery.message.text : "";
  await ctx.editMessageText(original + t.extensionDecided(approve ? t.approve : t.refuse, me.name)).catch(() => undefined);
});

export const extensionDecisionFeature = door(["director", "deputy"], { commands: [], actions: [extensionData.match] }, decisions);
