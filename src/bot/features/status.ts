// Status back: the buttons under a task, the short note they ask for, and plain-text replies to
// a list message. Every change is checked against the caller's unit and appended to the history.
import { Composer, Markup } from "telegraf";
import { pendingExtension } from "../../db/extensions.js";
import { addNote, findTask, recordStatus, type TaskRow } from "../../db/tasks.js";
import { shorten } from "../../domain/text.js";
import { isClosed } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import { pickTaskData, statusData } from "../callback-data/index.js";
import { member, type BotContext } from "../context.js";
import { canChangeTask } from "../filters/roles.js";
import { STATUS_OF_ACTION } from "../keyboards/status.js";
import { listOfMessage, refreshListMessage } from "../views/listMessages.js";

const MAX_NOTE = 1000;
const forceReply = { reply_markup: { force_reply: true as const } };

/** Why the caller may not change the task, or null when they may. */
function refusalFor(ctx: BotContext, taskId: number, task: TaskRow | null): string | null {
  if (!task) return t.taskNotFound(taskId);
  // A deputy reads the lists but reports nothing; a unit head reports for the own unit only.
  if (!canChangeTask(ctx, task.unitId)) return ctx.member?.role === "unit_head" ? t.notYourTask : t.notAllowed;
  return isClosed(task.status) ? t.taskClosed(taskId) : null;
}

/** The task, if the caller may change it; otherwise the reason, already answered. */
async function changeableTask(ctx: BotContext, taskId: number, answer: (text: string) => Promise<unknown>): Promise<TaskRow | null> {
  const task = await findTask(ctx.app.db, taskId);
  const refusal = refusalFor(ctx, taskId, task);
  if (refusal) await answer(refusal);
  return refusal ? null : task;
}

async function saveNote(ctx: BotContext, taskId: number, note: string) {
  const task = await changeableTask(ctx, taskId, (text) => ctx.reply(text));
  if (!task) return;
  await addNote(ctx.app.db, { taskId, memberId: member(ctx).id, note: shorten(note.trim(), MAX_NOTE), at: ctx.app.clock() });
  await ctx.reply(t.noteSaved(taskId));
}

export const statusFeature = new Composer<BotContext>();

statusFeature.action(statusData.match, async (ctx) => {
  const { taskId, action } = statusData.unpack(ctx.match);
  const what = STATUS_OF_ACTION[action];
  const alert = (text: string) => ctx.answerCbQuery(text, { show_alert: true });
  const task = await changeableTask(ctx, taskId, alert);
  if (!task || !what) return;
  const short = shorten(task.content, 80);
  if (what === "extend") {
    if (await pendingExtension(ctx.app.db, taskId)) return alert(t.extensionPending);
    ctx.session.step = { kind: "extension_date", taskId };
    await ctx.answerCbQuery();
    return ctx.reply(t.askExtension(taskId, task.deadline), forceReply);
  }
  // A second press of the same state records nothing new.
  await recordStatus(ctx.app.db, { taskId, memberId: member(ctx).id, status: what, today: ctx.app.today(), at: ctx.app.clock() });
  await ctx.answerCbQuery(t.recorded[what]);
  const messageId = ctx.callbackQuery.message?.message_id;
  if (messageId) await refreshListMessage(ctx, messageId);
  if (what === "in_progress" || what === "blocked") {
    ctx.session.step = { kind: "note", taskId };
    await ctx.reply(what === "blocked" ? t.askBlocker(taskId, short) : t.askNote(taskId, short), forceReply);
  }
});

statusFeature.action(pickTaskData.match, async (ctx) => {
  const { taskId } = pickTaskData.unpack(ctx.match);
  const step = ctx.session.step;
  if (step?.kind !== "pick_task" || !step.taskIds.includes(taskId)) return ctx.answerCbQuery(t.staleButton);
  ctx.session.step = undefined;
  await ctx.answerCbQuery();
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  await saveNote(ctx, taskId, step.note);
});

const NUMBERED = /^\s*#?(\d{1,3})\s*[.):\-–]?\s+([\s\S]+)$/;

/**
 * A note: a reply to a reminder or a /tasks list goes to the task it names (by number if the list
 * has several), whatever question is open; otherwise the answer to "in progress" / "blocked".
 */
statusFeature.on("text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  const step = ctx.session.step;
  const replyTo = ctx.message.reply_to_message?.message_id;
  const list = replyTo ? await listOfMessage(ctx, replyTo) : null;
  if (list) {
    if (step?.kind === "note") ctx.session.step = undefined;
    return noteOnList(ctx, list.items, ctx.message.text.trim());
  }
  if (step?.kind !== "note") return next();
  ctx.session.step = undefined;
  await saveNote(ctx, step.taskId, ctx.message.text);
});

async function noteOnList(ctx: BotContext, items: { number: number; taskId: number }[], text: string) {
  if (items.length === 1) return saveNote(ctx, items[0]!.taskId, text);
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    const item = items.find((i) => i.number === Number(numbered[1]));
    if (!item) return ctx.reply(t.badNumber(items.length));
    return saveNote(ctx, item.taskId, numbered[2]!);
  }
  ctx.session.step = { kind: "pick_task", note: text, taskIds: items.map((i) => i.taskId) };
  const buttons = items.map((i) => Markup.button.callback(String(i.number), pickTaskData.pack({ taskId: i.taskId })));
  await ctx.reply(t.pickTask, Markup.inlineKeyboard(buttons, { columns: 6 }));
}
