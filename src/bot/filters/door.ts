import { Composer, type Middleware } from "telegraf";
import type { Role } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import type { BotContext } from "../context.js";
import { hasRole } from "./roles.js";

/**
 * A feature's door: its handlers run only for `roles`. Anyone else who sends one of its commands
 * or presses one of its buttons is told it is not allowed, and nothing changes.
 */
export function door(roles: Role[], entry: { commands: string[]; actions: RegExp[] }, feature: Middleware<BotContext>) {
  const refuse = new Composer<BotContext>();
  if (entry.commands.length) refuse.command(entry.commands, (ctx) => ctx.reply(t.notAllowed));
  if (entry.actions.length) refuse.action(entry.actions, (ctx) => ctx.answerCbQuery(t.notAllowed, { show_alert: true }));
  return Composer.branch(hasRole(...roles), feature, refuse);
}
