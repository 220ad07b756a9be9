// One task in detail (/task 12): every unit's part and the history; staff can change its deadline
// or its text, or cancel it, each change kept with who, when, and old → new.
import { Composer, Markup } from "telegraf";
import { listUnits } from "../../db/org.js";
import { cancelTask, changeDeadline, editContent, extendedParts, findTask, setTaskUnits, taskHistory, toTaskView } from "../../db/tasks.js";
import { cycleRole, roleIn } from "../../domain/draft.js";
import { formatDateTime, formatDay, parseVnDate } from "../../domain/calendar.js";
import { shorten } from "../../domain/text.js";
import { taskStatus } from "../../domain/tasks.js";
import { isClosed } from "../../domain/types.js";
import { bot as t, draft as d, roleLabel, statusIcon, unitsLine } from "../../messages/index.js";
import { taskAdminData, taskUnitData, taskUnitPageData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { answers } from "../dialogue.js";
import { door } from "../filters/door.js";
import { canSeeTask, STAFF } from "../filters/roles.js";
import { unitRows, UNITS_PER_PAGE } from "../keyboards/units.js";
import { Refusal } from "../refusal.js";
import { MAX_TASK_CHARS } from "./newtask.js";

async function visibleTask(ctx: BotContext, id: number) {
  const task = await findTask(ctx.app.db, id);
  if (!task) throw new Refusal(t.taskNotFound(id));
  if (!task.parts.some((p) => canSeeTask(ctx, p.unit.code))) throw new Refusal(t.notYourTask);
  return task;
}

/** A task that may still change: open cycle, not cancelled or carried over (buttons of an old /task message). */
async function changeableTask(ctx: BotContext, id: number) {
  const task = await visibleTask(ctx, id);
  if (task.cycle.state === "closed" || isClosed(taskStatus(toTaskView(task)))) throw new Refusal(t.taskClosed(id));
  return task;
}

/** Stored days ("2024-12-25") read as users write them; long texts shortened. */
const readable = (value: string | null) => (value === null ? "" : /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : `«${shorten(value, 120)}»`);

type HistoryRow = Awaited<ReturnType<typeof taskHistory>>[number];

function historyLine(h: HistoryRow, timeZone: string): string {
  const what = [
    h.part ? `${h.part.unit.code}: ` : "",
    t.historyKinds[h.kind],
    h.oldValue !== null || h.newValue !== null ? ` ${readable(h.oldValue)} → ${readable(h.newValue)}` : "",
    h.note ? `: ${shorten(h.note, 200)}` : "",
  ].join("");
  return t.historyLine(formatDateTime(h.createdAt, timeZone), h.member?.name ?? t.system, what);
}

export const taskFeature = new Composer<BotContext>();

taskFeature.command("task", async (ctx) => {
  const id = Number(/^#?(\d{1,9})$/.exec(ctx.payload.trim())?.[1]);
  if (!id) return ctx.reply(t.taskUsage);
  const task = await visibleTask(ctx, id);
  const parts = task.parts.map((p) => `  ${statusIcon[p.status]} ${p.unit.name} (${roleLabel[p.role]})${p.deadline !== task.deadline ? ` — ${t.partDeadline(p.deadline)}` : ""}`);
  const history = (await taskHistory(ctx.app.db, id)).map((h) => historyLine(h, ctx.app.config.timeZone));
  const head = [`#${task.id} · ${t.cycleLabel(task.cycle.key)}${task.carriedFromId ? ` · ${t.carriedFrom(task.carriedFromId)}` : ""}`, task.content, t.taskDeadline(task.deadline, task.deadlineStated)];
  const text = [...head, "", t.partsTitle, ...parts, "", t.historyTitle, ...history.slice(-15)].join("\n");
  const staff = STAFF.includes(member(ctx).role);
  const open = task.cycle.state === "open" && !isClosed(taskStatus(toTaskView(task)));
  const keyboard =
    staff && open
      ? Markup.inlineKeyboard([
          [Markup.button.callback(t.changeDeadline, taskAdminData.pack({ taskId: id, action: "d" })), Markup.button.callback(t.editContent, taskAdminData.pack({ taskId: id, action: "t" }))],
          [Markup.button.callback(t.editUnits, taskAdminData.pack({ taskId: id, action: "u" })), Markup.button.callback(t.cancelTask, taskAdminData.pack({ taskId: id, action: "c" }))],
        ])
      : undefined;
  await ctx.reply(shorten(text, 4000), keyboard);
});

/** The units editor: each unit's part as it will be saved; a press cycles none → chủ trì → phối hợp. */
async function unitsEditor(ctx: BotContext, step: Extract<NonNullable<BotContext["session"]["step"]>, { kind: "edit_units" }>, page: number) {
  const units = await listUnits(ctx.app.db);
  const rows = unitRows(
    units,
    page,
    (u) => d.unitLabel(u.code, roleIn(step, u.code)),
    (unit) => taskUnitData.pack({ taskId: step.taskId, unit }),
    (p) => taskUnitPageData.pack({ taskId: step.taskId, page: p }),
  );
  const keyboard = Markup.inlineKeyboard([...rows, [Markup.button.callback(t.importSave, taskAdminData.pack({ taskId: step.taskId, action: "s" }))]]);
  return { text: t.unitsEditor(step.taskId, unitsLine(step)), keyboard };
}

const admin = new Composer<BotContext>();

/** A unit pressed in the editor, or a page turned: the editor redrawn with the pending choice. */
admin.action([taskUnitData.match, taskUnitPageData.match], async (ctx) => {
  const step = ctx.session.step;
  const taskId = Number(ctx.match[1]);
  if (step?.kind !== "edit_units" || step.taskId !== taskId) return ctx.answerCbQuery(t.staleButton);
  let page = 0;
  if (ctx.match[0].startsWith("tu:")) {
    const { unit } = taskUnitData.unpack(ctx.match);
    const code = (await listUnits(ctx.app.db))[unit]?.code;
    if (!code) return ctx.answerCbQuery(t.staleButton);
    const next = cycleRole(step, code);
    if (next.lead.length === 0) return ctx.answerCbQuery(d.refusal.no_lead_unit, { show_alert: true });
    ctx.session.step = { ...step, ...next };
    page = Math.floor(unit / UNITS_PER_PAGE);
  } else page = taskUnitPageData.unpack(ctx.match).page;
  const { text, keyboard } = await unitsEditor(ctx, ctx.session.step as typeof step, page);
  await ctx.editMessageText(text, keyboard).catch(() => undefined);
});

async function applyDeadline(ctx: BotContext, taskId: number, day: string, includeExtended: boolean) {
  await changeDeadline(ctx.app.db, { taskId, memberId: member(ctx).id, deadline: day, includeExtended, at: ctx.app.clock() });
  await ctx.reply(t.deadlineChanged(taskId, day));
}

admin.action(taskAdminData.match, async (ctx) => {
  const { taskId, action } = taskAdminData.unpack(ctx.match);
  await changeableTask(ctx, taskId);
  if (action === "d") {
    ctx.session.step = { kind: "edit_deadline", taskId };
    return ctx.reply(t.askNewDeadline(taskId), { reply_markup: { force_reply: true } });
  }
  if (action === "t") {
    ctx.session.step = { kind: "edit_content", taskId };
    return ctx.reply(t.askNewContent(taskId), { reply_markup: { force_reply: true } });
  }
  if (action === "c") {
    return ctx.reply(t.confirmCancelAsk(taskId), Markup.inlineKeyboard([Markup.button.callback(t.confirmCancel, taskAdminData.pack({ taskId, action: "y" }))]));
  }
  if (action === "u") {
    const task = await changeableTask(ctx, taskId);
    const active = task.parts.filter((p) => !isClosed(p.status));
    const step = { kind: "edit_units" as const, taskId, lead: active.filter((p) => p.role === "lead").map((p) => p.unit.code), support: active.filter((p) => p.role === "support").map((p) => p.unit.code) };
    ctx.session.step = step;
    const { text, keyboard } = await unitsEditor(ctx, step, 0);
    return ctx.reply(text, keyboard);
  }
  const step = ctx.session.step;
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  if (action === "s") {
    if (step?.kind !== "edit_units" || step.taskId !== taskId) return ctx.reply(t.staleButton);
    ctx.session.step = undefined;
    await setTaskUnits(ctx.app.db, { taskId, lead: step.lead, support: step.support, memberId: member(ctx).id, at: ctx.app.clock() });
    return ctx.reply(t.unitsChanged(taskId, unitsLine(step)));
  }
  if (action === "y") {
    const cancelled = await cancelTask(ctx.app.db, { taskId, memberId: member(ctx).id, at: ctx.app.clock() });
    return ctx.reply(cancelled ? t.taskCancelled(taskId) : t.taskClosed(taskId));
  }
  // a / k: the answer to "this moves a deadline an extension set": all parts, or keep those.
  if (step?.kind !== "confirm_deadline" || step.taskId !== taskId) return ctx.reply(t.staleButton);
  ctx.session.step = undefined;
  await applyDeadline(ctx, taskId, step.day, action === "a");
});

admin.use(
  answers("edit_content", async (ctx, step, text) => {
    if (text.length < 5) return ctx.reply(t.contentTooShort);
    if (text.length > MAX_TASK_CHARS) return ctx.reply(t.tooLong(MAX_TASK_CHARS));
    ctx.session.step = undefined;
    await changeableTask(ctx, step.taskId);
    await editContent(ctx.app.db, { taskId: step.taskId, content: text, memberId: member(ctx).id, at: ctx.app.clock() });
    await ctx.reply(t.contentChanged(step.taskId));
  }),
  answers("edit_deadline", async (ctx, step, text) => {
    const day = parseVnDate(text);
    const today = ctx.app.today();
    if (!day) return ctx.reply(t.badDate);
    if (day < today) return ctx.reply(t.pastDate(today));
    await changeableTask(ctx, step.taskId);
    const extended = await extendedParts(ctx.app.db, step.taskId);
    if (extended.length === 0) {
      ctx.session.step = undefined;
      return applyDeadline(ctx, step.taskId, day, false);
    }
    ctx.session.step = { kind: "confirm_deadline", taskId: step.taskId, day };
    await ctx.reply(
      t.extendedDeadlineAsk(extended.map((p) => `${p.unit.name} (${formatDay(p.deadline)})`), day),
      Markup.inlineKeyboard([
        [Markup.button.callback(t.deadlineAllParts, taskAdminData.pack({ taskId: step.taskId, action: "a" }))],
        [Markup.button.callback(t.deadlineKeepExtended, taskAdminData.pack({ taskId: step.taskId, action: "k" }))],
      ]),
    );
  }),
);

export const taskAdminFeature = door(STAFF, { commands: [], actions: [taskAdminData.match, taskUnitData.match, taskUnitPageData.match] }, admin);
