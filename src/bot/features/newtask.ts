// Adding one task in a short guided dialogue: unit (button), content, deadline or none.
import { Composer, Markup } from "telegraf";
import { listUnits } from "../../db/org.js";
import { lastDayOfMonth, monthOf, parseVnDate } from "../../domain/calendar.js";
import { monthPeriod } from "../../domain/cycles.js";
import { bot as t } from "../../messages/index.js";
import { addTaskAndTell } from "../../services/notices.js";
import { newTaskData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { answers } from "../dialogue.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";

export const MAX_TASK_CHARS = 2000;

async function create(ctx: BotContext, unitCode: string, content: string, stated: string | null) {
  ctx.session.step = undefined;
  const today = ctx.app.today();
  const deadline = stated ?? lastDayOfMonth(monthOf(today));
  const taskId = await addTaskAndTell(ctx.app, {
    period: monthPeriod(monthOf(today)),
    lead: [unitCode],
    support: [],
    content,
    deadline,
    deadlineStated: stated !== null,
    memberId: member(ctx).id,
    at: ctx.app.clock(),
  });
  const unit = (await ctx.app.db.unit.findUnique({ where: { code: unitCode } }))!;
  await ctx.reply(t.newTaskCreated(taskId, unit.name, deadline, stated !== null));
}

const feature = new Composer<BotContext>();

feature.command("newtask", async (ctx) => {
  ctx.session.step = { kind: "newtask" };
  const units = await listUnits(ctx.app.db);
  const buttons = units.map((u) => Markup.button.callback(u.name, newTaskData.pack({ value: u.code })));
  buttons.push(Markup.button.callback(t.importCancel, newTaskData.pack({ value: "cancel" })));
  await ctx.reply(t.newTaskUnit, Markup.inlineKeyboard(buttons, { columns: 1 }));
});

feature.action(newTaskData.match, async (ctx) => {
  const { value } = newTaskData.unpack(ctx.match);
  const step = ctx.session.step;
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  if (step?.kind !== "newtask") return ctx.reply(t.staleButton);
  if (value === "cancel") {
    ctx.session.step = undefined;
    return ctx.reply(t.cancelled);
  }
  if (value === "none") {
    if (!step.unitCode || !step.content) return ctx.reply(t.staleButton);
    return create(ctx, step.unitCode, step.content, null);
  }
  const unit = (await listUnits(ctx.app.db)).find((u) => u.code === value);
  if (!unit || step.unitCode) return ctx.reply(t.unknownUnit);
  ctx.session.step = { kind: "newtask", unitCode: unit.code };
  await ctx.reply(t.newTaskContent(unit.name), { reply_markup: { force_reply: true } });
});

feature.use(
  answers("newtask", async (ctx, step, text) => {
    if (!step.unitCode) return ctx.reply(t.unknownUnit);
    if (!step.content) {
      if (text.length < 5) return ctx.reply(t.contentTooShort);
      if (text.length > MAX_TASK_CHARS) return ctx.reply(t.tooLong(MAX_TASK_CHARS));
      ctx.session.step = { ...step, content: text };
      return ctx.reply(t.newTaskDeadline, Markup.inlineKeyboard([Markup.button.callback(t.noDeadline, newTaskData.pack({ value: "none" }))]));
    }
    const day = parseVnDate(text);
    const today = ctx.app.today();
    if (!day) return ctx.reply(t.badDate);
    if (day < today) return ctx.reply(t.pastDate(today));
    await create(ctx, step.unitCode, step.content, day);
  }),
);

export const newTaskFeature = door(STAFF, { commands: ["newtask"], actions: [newTaskData.match] }, feature);
