// A task's card for one unit's part: the whole task, this unit's state and the other units', with
// the buttons that unit may press.
import { findPart, findTask, toPartView } from "../../db/tasks.js";
import { tasks as taskText } from "../../messages/index.js";
import type { BotContext } from "../context.js";
import { cardKeyboard } from "../keyboards/status.js";

export async function renderCard(ctx: BotContext, partId: number) {
  const part = await findPart(ctx.app.db, partId);
  if (!part) return null;
  const task = (await findTask(ctx.app.db, part.taskId))!;
  const others = task.parts.filter((p) => p.id !== part.id).map((p) => ({ unitName: p.unit.name, role: p.role, status: p.status }));
  const text = taskText.card(toPartView(part), part.unit.name, ctx.app.today(), others);
  return { part, text, keyboard: cardKeyboard(part) };
}

/** Redraws a card after a change; pressing the state a part already has changes nothing on screen. */
export async function refreshCard(ctx: BotContext, messageId: number, partId: number): Promise<void> {
  const card = await renderCard(ctx, partId);
  if (!card) return;
  try {
    await ctx.telegram.editMessageText(ctx.chat!.id, messageId, undefined, card.text, card.keyboard);
  } catch (e) {
    if (!/not modified/i.test((e as Error).message)) throw e;
  }
}
