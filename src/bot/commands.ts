// The command menu each role sees in Telegram, from the one description of each role's commands.
// A failure to set it is logged, never fatal.
import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import type { Role } from "../domain/types.js";
import { bot as t, COMMANDS } from "../messages/index.js";

export async function setDefaultCommands(app: App, telegram: Telegram): Promise<void> {
  try {
    await telegram.setMyCommands(t.startMenu);
  } catch (e) {
    app.log.warn(`command menu not set: ${(e as Error).message}`);
  }
}

export async function setCommandsFor(app: App, telegram: Telegram, member: { chatId: string; role: Role }): Promise<void> {
  const commands = COMMANDS[member.role].map((c) => ({ command: c.command, description: c.menu }));
  try {
    await telegram.setMyCommands(commands, { scope: { type: "chat", chat_id: Number(member.chatId) } });
  } catch (e) {
    app.log.warn(`command menu not set for a member: ${(e as Error).message}`);
  }
}
