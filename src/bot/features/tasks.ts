// /tasks: a unit head sees the unit's open tasks as a compact numbered list; staff and deputies
// pick a unit first (or name it: /tasks QLKH), a deputy among the units they oversee. Number
// buttons open a task's card; page buttons turn the list in place.
import { Composer, Markup } from "telegraf";
import { listUnits } from "../../db/org.js";
import { activeLeadParts, countPartsByUnit } from "../../db/tasks.js";
import type { UnitInfo } from "../../domain/types.js";
import { bot as t, tasks as taskText } from "../../messages/index.js";
import { listPageData, unitListData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { canSeeTask } from "../filters/roles.js";
import { reminderPage, rememberList, unitListPage } from "../views/listMessages.js";
import { PAGE_SIZE } from "../../views/partList.js";

async function unitByCode(ctx: BotContext, code: string) {
  return ctx.app.db.unit.findUnique({ where: { code } });
}

/** Sends the first page of a unit's open tasks, remembered for replies by number. */
async function sendUnitTasks(ctx: BotContext, unit: { id: number; name: string }) {
  const page = await unitListPage(ctx, unit, 0);
  if (page.total === 0) return ctx.reply(taskText.none);
  const sent = await ctx.reply(page.text, { reply_markup: page.keyboard });
  rememberList(ctx, { messageId: sent.message_id, first: 1, partIds: page.shown.map((i) => i.part.id) });
}

/** Buttons for `units`, each with its count of open responsible parts. */
async function sendUnitPicker(ctx: BotContext, units: UnitInfo[]) {
  const open = new Map((await countPartsByUnit(ctx.app.db, activeLeadParts)).map((c) => [c.unitCode, c.count]));
  const buttons = units.map((u) => Markup.button.callback(t.unitCount(u.code, open.get(u.code) ?? 0), unitListData.pack({ unitCode: u.code })));
  await ctx.reply(t.pickUnit, Markup.inlineKeyboard(buttons, { columns: 3 }));
}

export const tasksFeature = new Composer<BotContext>();

tasksFeature.command("tasks", async (ctx) => {
  const me = member(ctx);
  if (me.role === "unit_head") {
    if (!me.unit) return ctx.reply(t.noUnit);
    return sendUnitTasks(ctx, me.unit);
  }
  const all = await listUnits(ctx.app.db);
  const named = all.find((u) => u.code === ctx.payload.trim().toUpperCase());
  if (named && !canSeeTask(ctx, named.code)) return ctx.reply(t.unitNotOverseen(named.name));
  if (named) return sendUnitTasks(ctx, (await unitByCode(ctx, named.code))!);
  await sendUnitPicker(ctx, all.filter((u) => canSeeTask(ctx, u.code)));
});

tasksFeature.action(unitListData.match, async (ctx) => {
  const { unitCode } = unitListData.unpack(ctx.match);
  // A unit head sees only the unit's own list, a deputy the overseen units', whatever the button says.
  const unit = await unitByCode(ctx, unitCode);
  if (!unit || !canSeeTask(ctx, unitCode)) return ctx.answerCbQuery(t.notYourTask, { show_alert: true });
  await sendUnitTasks(ctx, unit);
});

tasksFeature.action(listPageData.match, async (ctx) => {
  const { kind, id, page } = listPageData.unpack(ctx.match);
  const messageId = ctx.callbackQuery.message!.message_id;
  if (kind === "unit") {
    const unit = await ctx.app.db.unit.findUnique({ where: { id } });
    if (!unit || !canSeeTask(ctx, unit.code)) return ctx.answerCbQuery(t.notYourTask, { show_alert: true });
    const view = await unitListPage(ctx, unit, page);
    await ctx.editMessageText(view.text, { reply_markup: view.keyboard }).catch(() => undefined);
    return rememberList(ctx, { messageId, first: page * PAGE_SIZE + 1, partIds: view.shown.map((i) => i.part.id) });
  }
  const view = await reminderPage(ctx, messageId, page);
  if (!view) return ctx.answerCbQuery(t.staleButton);
  await ctx.editMessageText(view.text, { reply_markup: view.keyboard }).catch(() => undefined);
});
