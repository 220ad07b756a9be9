import { Markup } from "telegraf";
import type { PartRole, PartStatus } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import { statusData } from "../../views/callbackData.js";

/** What a button on a card does: a status, an extension request, or a note. */
export const STATUS_OF_ACTION: Record<string, PartStatus | "extend" | "note"> = { d: "done", p: "in_progress", b: "blocked", e: "extend", n: "note" };

const LEAD_ACTIONS = [
  [{ action: "d", label: t.buttons.done, status: "done" }, { action: "p", label: t.buttons.progress, status: "in_progress" }],
  [{ action: "b", label: t.buttons.blocked, status: "blocked" }, { action: "e", label: t.buttons.extend, status: null }],
] as const;

/**
 * A card's buttons: a responsible unit reports status or asks for an extension (the current status
 * marked with •); a coordinating unit adds notes.
 */
export function cardKeyboard(part: { id: number; role: PartRole; status: PartStatus }) {
  if (part.role === "support") return Markup.inlineKeyboard([Markup.button.callback(t.noteButton, statusData.pack({ partId: part.id, action: "n" }))]);
  return Markup.inlineKeyboard(
    LEAD_ACTIONS.map((row) =>
      row.map((a) => Markup.button.callback(`${a.status === part.status ? "• " : ""}${a.label}`, statusData.pack({ partId: part.id, action: a.action }))),
    ),
  );
}
