// The command menu each role sees in Telegram. A failure to set it is logged, never fatal.
import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import type { Role } from "../domain/types.js";
import { bot as t } from "../messages/index.js";

const MENU: Record<Role, string[]> = {
  unit_head: ["tasks", "task", "help", "cancel"],
  deputy: ["summary", "tasks", "task", "help"],
  director: ["summary", "tasks", "task", "import", "newtask", "remind", "invite", "help", "cancel"],
  secretary: ["import", "newtask", "tasks", "task", "remind", "summary", "invite", "help", "cancel"],
};

export async function setDefaultCommands(app: App, telegram: Telegram): Promise<void> {
  try {
    await telegram.setMyCommands([
      { command: "start", description: t.menu.start },
      { command: "help", description: t.menu.help },
    ]);
  } catch (e) {
    app.log.warn(`command menu not set: ${(e as Error).message}`);
  }
}

export async function setCommandsFor(app: App, telegram: Telegram, member: { chatId: string; role: string }): Promise<void> {
  const commands = MENU[member.role as Role].map((command) => ({ command, description: t.menu[command as keyof typeof t.menu] }));
  try {
    await telegram.setMyCommands(commands, { scope: { type: "chat", chat_id: Number(member.chatId) } });
  } catch (e) {
    app.log.warn(`command menu not set for a member: ${(e as Error).message}`);
  }
}
