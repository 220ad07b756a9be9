// /tasks: a unit head sees the unit's open tasks with status buttons; staff and deputies pick a
// unit first (or name it: /tasks QLKH), a deputy among the units they oversee.
import { Composer, Markup } from "telegraf";
import { listUnits } from "../../db/org.js";
import { countTasksByUnit, findTasks, toView } from "../../db/tasks.js";
import { OPEN_STATUSES } from "../../domain/types.js";
import type { UnitInfo } from "../../domain/types.js";
import { bot as t, tasks as taskText } from "../../messages/index.js";
import { unitListData } from "../callback-data/index.js";
import { member, type BotContext } from "../context.js";
import { canSeeTask } from "../filters/roles.js";
import { MAX_ITEMS, renderTaskList } from "../views/taskList.js";
import { rememberList } from "../views/listMessages.js";

/** Sends a unit's open tasks, in messages of at most MAX_ITEMS tasks, each remembered for replies. */
async function sendUnitTasks(ctx: BotContext, unitCode: string) {
  const rows = await findTasks(ctx.app.db, { status: { in: OPEN_STATUSES }, unit: { code: unitCode } });
  if (rows.length === 0) return ctx.reply(taskText.none);
  const title = t.tasksTitle(rows[0]!.unit.name);
  for (let start = 0; start < rows.length; start += MAX_ITEMS) {
    const chunk = rows.slice(start, start + MAX_ITEMS);
    const items = chunk.map((r, i) => ({ number: i + 1, task: toView(r) }));
    const { text, keyboard } = renderTaskList({ title, items, today: ctx.app.today(), footer: t.tasksFooter });
    const sent = await ctx.reply(text, keyboard);
    rememberList(ctx, { messageId: sent.message_id, title, taskIds: chunk.map((r) => r.id) });
  }
}

/** Buttons for `units`, each with its count of open tasks. */
async function sendUnitPicker(ctx: BotContext, units: UnitInfo[]) {
  const open = new Map((await countTasksByUnit(ctx.app.db, { status: { in: OPEN_STATUSES } })).map((c) => [c.unitCode, c.count]));
  const buttons = units.map((u) => Markup.button.callback(t.unitCount(u.code, open.get(u.code) ?? 0), unitListData.pack({ unitCode: u.code })));
  await ctx.reply(t.pickUnit, Markup.inlineKeyboard(buttons, { columns: 3 }));
}

export const tasksFeature = new Composer<BotContext>();

tasksFeature.command("tasks", async (ctx) => {
  const me = member(ctx);
  if (me.role === "unit_head") {
    if (!me.unit) return ctx.reply(t.noUnit);
    return sendUnitTasks(ctx, me.unit.code);
  }
  const all = await listUnits(ctx.app.db);
  const named = all.find((u) => u.code === ctx.payload.trim().toUpperCase());
  if (named && !canSeeTask(ctx, named.code)) return ctx.reply(t.unitNotOverseen(named.name));
  if (named) return sendUnitTasks(ctx, named.code);
  await sendUnitPicker(ctx, all.filter((u) => canSeeTask(ctx, u.code)));
});

tasksFeature.action(unitListData.match, async (ctx) => {
  const { unitCode } = unitListData.unpack(ctx.match);
  await ctx.answerCbQuery();
  // A unit head sees only the unit's own list, a deputy the overseen units', whatever the button says.
  if (!canSeeTask(ctx, unitCode)) return ctx.reply(t.notYourTask);
  await sendUnitTasks(ctx, unitCode);
});
