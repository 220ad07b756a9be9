// One task in detail (/task 12) with its history; staff can change its deadline or cancel it.
import { Composer, Markup } from "telegraf";
import { cancelTask, changeDeadline, findTask, taskHistory, toView } from "../../db/tasks.js";
import { formatDateTime, formatDay, parseVnDate } from "../../domain/calendar.js";
import { isClosed, OPEN_STATUSES, type Role, type TaskStatus } from "../../domain/types.js";
import { bot as t, tasks as taskText } from "../../messages/index.js";
import { taskAdminData } from "../callback-data/index.js";
import { member, type BotContext } from "../context.js";
import { door } from "../filters/door.js";
import { canSeeTask, STAFF } from "../filters/roles.js";
import { Refusal } from "../refusal.js";

async function visibleTask(ctx: BotContext, id: number) {
  const task = await findTask(ctx.app.db, id);
  if (!task) throw new Refusal(t.taskNotFound(id));
  if (!canSeeTask(ctx, task.unit.code)) throw new Refusal(t.notYourTask);
  return task;
}

/** A task whose deadline may still change or that may still be cancelled (buttons of an old /task message). */
async function changeableTask(ctx: BotContext, id: number) {
  const task = await visibleTask(ctx, id);
  if (isClosed(task.status)) throw new Refusal(t.taskClosed(id));
  return task;
}

/** History notes carry days as stored ("2024-12-25 → 2024-12-28"); users read dd/mm/yyyy. */
const readableNote = (note: string | null) => note?.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => formatDay(day)) ?? null;

export const taskFeature = new Composer<BotContext>();

taskFeature.command("task", async (ctx) => {
  const id = Number(/^#?(\d{1,9})$/.exec(ctx.payload.trim())?.[1]);
  if (!id) return ctx.reply(t.taskUsage);
  const task = await visibleTask(ctx, id);
  const history = (await taskHistory(ctx.app.db, id)).map((h) =>
    t.historyLine(
      formatDateTime(h.createdAt, ctx.app.config.timeZone),
      h.member?.name ?? t.system,
      [t.historyKinds[h.kind] ?? h.kind, readableNote(h.note)].filter(Boolean).join(": "),
    ),
  );
  const text = [`${task.unit.name}`, taskText.line(toView(task), 1, 3000), "", t.historyTitle, ...history.slice(-20)].join("\n");
  const open = OPEN_STATUSES.includes(task.status as TaskStatus);
  const staff = STAFF.includes(member(ctx).role as Role);
  const keyboard =
    staff && open
      ? Markup.inlineKeyboard([
          Markup.button.callback(t.changeDeadline, taskAdminData.pack({ taskId: id, action: "d" })),
          Markup.button.callback(t.cancelTask, taskAdminData.pack({ taskId: id, action: "c" })),
        ])
      : undefined;
  await ctx.reply(text.slice(0, 4000), keyboard);
});

const admin = new Composer<BotContext>();

admin.action(taskAdminData.match, async (ctx) => {
  const { taskId, action } = taskAdminData.unpack(ctx.match);
  await ctx.answerCbQuery();
  await changeableTask(ctx, taskId);
  if (action === "d") {
    ctx.session.step = { kind: "edit_deadline", taskId };
    return ctx.reply(t.askNewDeadline(taskId), { reply_markup: { force_reply: true } });
  }
  if (action === "c") {
    return ctx.reply(t.confirmCancelAsk(taskId), Markup.inlineKeyboard([Markup.button.callback(t.confirmCancel, taskAdminData.pack({ taskId, action: "y" }))]));
  }
  if (action === "y") {
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await cancelTask(ctx.app.db, { taskId, memberId: member(ctx).id, at: ctx.app.clock() });
    return ctx.reply(t.taskCancelled(taskId));
  }
});

admin.on("text", async (ctx, next) => {
  const step = ctx.session.step;
  if (step?.kind !== "edit_deadline" || ctx.message.text.startsWith("/")) return next();
  const day = parseVnDate(ctx.message.text);
  const today = ctx.app.today();
  if (!day) return ctx.reply(t.badDate);
  if (day < today) return ctx.reply(t.pastDate(today));
  ctx.session.step = undefined;
  await changeableTask(ctx, step.taskId);
  await changeDeadline(ctx.app.db, { taskId: step.taskId, memberId: member(ctx).id, deadline: day, at: ctx.app.clock() });
  await ctx.reply(t.deadlineChanged(step.taskId, day));
});

export const taskAdminFeature = door(STAFF, { commands: [], actions: [taskAdminData.match] }, admin);
