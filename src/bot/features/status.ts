// Status back: a task's card (opened by its number under a list), its buttons, the short note they
// ask for, and plain-text replies to a list message. Every change is checked against the caller's
// unit and appended to the history.
import { Composer, Markup } from "telegraf";
import { pendingExtension } from "../../db/extensions.js";
import { addNote, changeStatus } from "../../db/tasks.js";
import { shorten } from "../../domain/text.js";
import { isClosed } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import { openPartData, pickTaskData, statusData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { answers } from "../dialogue.js";
import { canChangeTask, canSeeTask } from "../filters/roles.js";
import { STATUS_OF_ACTION } from "../keyboards/status.js";
import { loadCard, refreshCard, renderCard, type CardOfPart } from "../views/card.js";
import { listOfMessage } from "../views/listMessages.js";
import { PAGE_SIZE } from "../../views/partList.js";

export const MAX_NOTE = 1000;
const forceReply = { reply_markup: { force_reply: true as const } };

/** Why the caller may not report on the part, or null when they may. */
function refusalFor(ctx: BotContext, partId: number, found: CardOfPart | null, action: "status" | "note"): string | null {
  if (!found) return t.taskNotFound(partId);
  const { task, part } = found;
  // A deputy reads the lists but reports nothing; a unit head reports for the own unit only.
  if (!canChangeTask(ctx, part.unitId)) return ctx.member?.role === "unit_head" ? t.notYourTask : t.notAllowed;
  if (action === "status" && part.role === "support") return t.supportOnlyNotes;
  // A closed cycle is read-only: its report stays as the briefing saw it.
  return isClosed(part.status) || !task.cycleOpen ? t.taskClosed(part.taskId) : null;
}

/** The part and its task's card, if the caller may report on it; otherwise the reason, already answered. */
async function changeablePart(ctx: BotContext, partId: number, action: "status" | "note", answer: (text: string) => Promise<unknown>) {
  const found = await loadCard(ctx, partId);
  const refusal = refusalFor(ctx, partId, found, action);
  if (refusal) await answer(refusal);
  return refusal ? null : found;
}

async function saveNote(ctx: BotContext, partId: number, note: string) {
  const found = await changeablePart(ctx, partId, "note", (text) => ctx.reply(text));
  if (!found) return;
  const text = note.normalize("NFC").trim();
  if (!text) return ctx.reply(t.noteEmpty);
  await addNote(ctx.app.db, { partId, memberId: member(ctx).id, note: shorten(text, MAX_NOTE), at: ctx.app.clock() });
  await ctx.reply(t.noteSaved(found.part.taskId));
}

export const statusFeature = new Composer<BotContext>();

statusFeature.action(openPartData.match, async (ctx) => {
  const { partId } = openPartData.unpack(ctx.match);
  const found = await loadCard(ctx, partId);
  if (!found) return ctx.answerCbQuery(t.taskNotFound(partId), { show_alert: true });
  if (!canSeeTask(ctx, found.part.unitCode)) return ctx.answerCbQuery(t.notYourTask, { show_alert: true });
  const card = renderCard(ctx, found.task, found.part);
  await ctx.reply(card.text, card.keyboard);
});

statusFeature.action(statusData.match, async (ctx) => {
  const { partId, action } = statusData.unpack(ctx.match);
  const what = STATUS_OF_ACTION[action];
  if (!what) return ctx.answerCbQuery(t.staleButton);
  const alert = (text: string) => ctx.answerCbQuery(text, { show_alert: true });
  const found = await changeablePart(ctx, partId, what === "note" ? "note" : "status", alert);
  if (!found) return;
  const { task, part } = found;
  const short = shorten(part.content, 80);
  if (what === "note") {
    ctx.session.step = { kind: "note", partId };
    return ctx.reply(t.askNote(part.taskId, short), forceReply);
  }
  if (what === "extend") {
    if (await pendingExtension(ctx.app.db, partId)) return alert(t.extensionPending);
    ctx.session.step = { kind: "extension_date", partId };
    return ctx.reply(t.askExtension(part.taskId, part.deadline), forceReply);
  }
  // A second press of the same state records nothing new.
  const changed = await changeStatus(ctx.app.db, { partId, memberId: member(ctx).id, status: what, today: ctx.app.today(), at: ctx.app.clock() });
  // Stored: the answer says so before the card is redrawn, whatever the redrawing meets.
  await ctx.answerCbQuery(changed ? t.recorded[what] : t.unchanged);
  // The card as now: as read and changed, or as read; read again if a press at the same time changed it.
  const shown = changed ? { task, part: { ...part, ...changed } } : part.status === what ? found : await loadCard(ctx, partId);
  const messageId = ctx.callbackQuery.message?.message_id;
  if (messageId && shown) await refreshCard(ctx, messageId, shown.task, shown.part);
  if (changed && (what === "in_progress" || what === "blocked")) {
    ctx.session.step = { kind: "note", partId };
    await ctx.reply(what === "blocked" ? t.askBlocker(part.taskId, short) : t.askNote(part.taskId, short), forceReply);
  }
});

statusFeature.action(pickTaskData.match, async (ctx) => {
  const { partId } = pickTaskData.unpack(ctx.match);
  const step = ctx.session.step;
  if (step?.kind !== "pick_task" || !step.partIds.includes(partId)) return ctx.answerCbQuery(t.staleButton);
  ctx.session.step = undefined;
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  await saveNote(ctx, partId, step.note);
});

const NUMBERED = /^\s*#?(\d{1,4})\s*[.):\-–]?\s+([\s\S]+)$/;

/** A reply to a reminder or a /tasks list goes to the task it names (by number if the list has several), whatever question is open. */
statusFeature.on("text", async (ctx, next) => {
  const replyTo = ctx.message.reply_to_message?.message_id;
  const list = replyTo && !ctx.message.text.startsWith("/") ? await listOfMessage(ctx, replyTo) : null;
  if (!list) return next();
  if (ctx.session.step?.kind === "note") ctx.session.step = undefined;
  await noteOnList(ctx, list.items, ctx.message.text.trim());
});

/** Otherwise the answer to "in progress" / "blocked" / "📝 Ghi chú". */
statusFeature.use(
  answers("note", async (ctx, step, text) => {
    ctx.session.step = undefined;
    await saveNote(ctx, step.partId, text);
  }),
);

async function noteOnList(ctx: BotContext, items: { number: number; partId: number }[], text: string) {
  if (items.length === 1) return saveNote(ctx, items[0]!.partId, text);
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    const item = items.find((i) => i.number === Number(numbered[1]));
    if (!item) return ctx.reply(t.badNumber(items[0]?.number ?? 1, items.at(-1)?.number ?? 1));
    return saveNote(ctx, item.partId, numbered[2]!);
  }
  // More numbers than one row of buttons holds: the number is asked for in the text instead.
  if (items.length > PAGE_SIZE) return ctx.reply(t.noteNeedsNumber(items[0]!.number, items.at(-1)!.number));
  ctx.session.step = { kind: "pick_task", note: shorten(text, MAX_NOTE), partIds: items.map((i) => i.partId) };
  const buttons = items.map((i) => Markup.button.callback(String(i.number), pickTaskData.pack({ partId: i.partId })));
  await ctx.reply(t.pickTask, Markup.inlineKeyboard(buttons, { columns: PAGE_SIZE }));
}
