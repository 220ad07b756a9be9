// A task's card for one unit's part: the whole task, this unit's state and the other units', with
// the buttons that unit may press.
import { findTaskCard, type CardPart, type TaskCard } from "../../db/tasks.js";
import { tasks as taskText } from "../../messages/index.js";
import type { BotContext } from "../context.js";
import { cardKeyboard } from "../keyboards/status.js";

/** A part and the card of its task. */
export interface CardOfPart {
  task: TaskCard;
  part: CardPart;
}

/** A part and its task's card, as read; null when there is no such part. */
export async function loadCard(ctx: BotContext, partId: number): Promise<CardOfPart | null> {
  const task = await findTaskCard(ctx.app.db, partId);
  const part = task?.parts.find((p) => p.id === partId);
  return task && part ? { task, part } : null;
}

export function renderCard(ctx: BotContext, task: TaskCard, part: CardPart) {
  const others = task.parts.filter((p) => p.id !== part.id).map((p) => ({ unitName: p.unitName, role: p.role, status: p.status }));
  return { text: taskText.card(part, part.unitName, ctx.app.today(), others), keyboard: cardKeyboard(part) };
}

/** Redraws a card after a change; pressing the state a part already has changes nothing on screen. */
export async function refreshCard(ctx: BotContext, messageId: number, task: TaskCard, part: CardPart): Promise<void> {
  const card = renderCard(ctx, task, part);
  try {
    await ctx.telegram.editMessageText(ctx.chat!.id, messageId, undefined, card.text, card.keyboard);
  } catch (e) {
    if (!/not modified/i.test((e as Error).message)) throw e;
  }
}
