// Task lists already sent (a reminder, a /tasks answer): which parts they number, for replies and
// for turning their pages.
import { findReminderByMessage } from "../../db/deliveries.js";
import { activeLeadParts, countParts, findParts, toPartView } from "../../db/tasks.js";
import type { ReminderReason } from "../../domain/reminders.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { bot as t } from "../../messages/index.js";
import type { BotContext, ListRef } from "../context.js";
import { PAGE_SIZE, renderPartList, type ListItem } from "../../views/partList.js";

const KEPT_LISTS = 10;

interface ListMessage {
  items: { number: number; partId: number; reason?: ReminderReason }[];
}

/** The numbered parts of a list message: a reminder's from its delivery, a /tasks page's from the session. */
export async function listOfMessage(ctx: BotContext, messageId: number): Promise<ListMessage | null> {
  const reminder = await findReminderByMessage(ctx.app.db, String(ctx.chat?.id), messageId);
  if (reminder) return { items: reminder.items.map((x) => ({ number: x.number, partId: x.partId, reason: x.reason })) };
  const list = ctx.session.lists?.find((l) => l.messageId === messageId);
  return list ? { items: list.partIds.map((partId, i) => ({ number: list.first + i, partId })) } : null;
}

export function rememberList(ctx: BotContext, ref: ListRef): void {
  ctx.session.lists = [...(ctx.session.lists ?? []).filter((l) => l.messageId !== ref.messageId), ref].slice(-KEPT_LISTS);
}

/** What a unit's /tasks lists: its open parts, responsible and coordinating, of the open cycle. */
export const unitListWhere = (unitId: number): Prisma.TaskPartWhereInput => ({
  ...activeLeadParts,
  role: undefined,
  unitId,
});

/** Page `page` of a unit's open tasks: text, keyboard, and the parts it numbers. */
export async function unitListPage(ctx: BotContext, unit: { id: number; name: string }, page: number) {
  const where = unitListWhere(unit.id);
  const total = await countParts(ctx.app.db, where);
  const rows = await findParts(ctx.app.db, where, { skip: page * PAGE_SIZE, take: PAGE_SIZE });
  const items: ListItem[] = rows.map((r, i) => ({ number: page * PAGE_SIZE + i + 1, part: toPartView(r) }));
  return { total, ...renderPartList({ title: t.tasksTitle(unit.name), items, total, today: ctx.app.today(), page, list: { kind: "unit", id: unit.id } }) };
}

/** Page `page` of the reminder that message `messageId` of this chat is, as it was sent (the same numbers, reasons and day). */
export async function reminderPage(ctx: BotContext, messageId: number, page: number) {
  const delivery = await findReminderByMessage(ctx.app.db, String(ctx.chat?.id), messageId);
  if (!delivery) return null;
  const pageItems = delivery.items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const parts = new Map((await findParts(ctx.app.db, { id: { in: pageItems.map((i) => i.partId) } })).map((r) => [r.id, toPartView(r)]));
  const items = pageItems.flatMap((i) => {
    const part = parts.get(i.partId);
    return part ? [{ number: i.number, part, reason: i.reason }] : [];
  });
  const title = t.reminderTitle(delivery.day, ctx.member?.unit?.name ?? "");
  return renderPartList({ title, items, total: delivery.items.length, today: delivery.day, page, list: { kind: "reminder", id: 0 } });
}
