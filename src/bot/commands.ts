// The command menu each role sees in Telegram, from the one description of each role's commands.
// What was last set for a chat is remembered (Setting `menu:<chat>`), so a restart sets only the
// menus that changed, paced, in the background; a failure to set one is logged, never fatal.
import { createHash } from "node:crypto";
import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import { chunks } from "../db/batches.js";
import type { Db } from "../db/client.js";
import { membersWithRoles } from "../db/members.js";
import { setSetting } from "../db/outbox.js";
import { ROLES, type Role } from "../domain/types.js";
import { bot as t, COMMANDS } from "../messages/index.js";
import type { Pacer } from "../telegram/pacer.js";

type BotCommand = { command: string; description: string };
const KEY = "menu:";
const DEFAULT_CHAT = "default";

function commandsOf(role: Role): readonly BotCommand[] {
  return COMMANDS[role].map((c) => ({ command: c.command, description: c.menu }));
}

function signature(commands: readonly BotCommand[]): string {
  return createHash("sha256").update(JSON.stringify(commands)).digest("hex").slice(0, 16);
}

/** Sets one chat's menu ("default": the menu of everyone else); true when Telegram took it. */
async function setMenu(app: App, telegram: Telegram, chat: string, commands: readonly BotCommand[], pacer?: Pacer): Promise<boolean> {
  try {
    if (chat === DEFAULT_CHAT) await telegram.setMyCommands(commands);
    else await telegram.setMyCommands(commands, { scope: { type: "chat", chat_id: Number(chat) } });
    return true;
  } catch (e) {
    // A 429 holds every call to Telegram, messages included, for the time it asks.
    const retryAfter = (e as { parameters?: { retry_after?: number } }).parameters?.retry_after;
    if (retryAfter) pacer?.pauseFor(retryAfter);
    app.log.warn(`command menu not set${chat === DEFAULT_CHAT ? "" : " for a member"}: ${(e as Error).message}`);
    return false;
  }
}

/** Right after registration: the new member's menu, remembered. */
export async function setCommandsFor(app: App, telegram: Telegram, member: { chatId: string; role: Role }): Promise<void> {
  const commands = commandsOf(member.role);
  if (await setMenu(app, telegram, member.chatId, commands)) await setSetting(app.db, KEY + member.chatId, signature(commands));
}

/** Records the menus set, a few hundred rows a statement. */
async function remember(db: Db, set: Array<{ key: string; value: string }>): Promise<void> {
  for (const batch of chunks(set)) {
    await db.$transaction([
      db.setting.deleteMany({ where: { key: { in: batch.map((s) => s.key) } } }),
      db.setting.createMany({ data: batch }),
    ]);
  }
}

/**
 * At start: the default menu and each member's, where what Telegram was last given differs.
 * Each call waits for its slot in the sender's pacer; an abort of `stop` ends the pass, even in
 * the middle of a long wait, and what was set is remembered.
 */
export async function refreshMenus(app: App, telegram: Telegram, pacer: Pacer, stop: AbortSignal): Promise<number> {
  const known = new Map(
    (await app.db.setting.findMany({ where: { key: { startsWith: KEY } } })).map((s) => [s.key.slice(KEY.length), s.value]),
  );
  const wanted: Array<{ chat: string; commands: readonly BotCommand[] }> = [{ chat: DEFAULT_CHAT, commands: t.startMenu }];
  for (const m of await membersWithRoles(app.db, [...ROLES])) wanted.push({ chat: m.chatId, commands: commandsOf(m.role) });
  const set: Array<{ key: string; value: string }> = [];
  for (const { chat, commands } of wanted) {
    const value = signature(commands);
    if (known.get(chat) === value) continue;
    const reservation = await pacer.acquire(chat === DEFAULT_CHAT ? 0 : Number(chat), stop).catch((e: unknown) => {
      if (stop.aborted) return undefined;
      throw e;
    });
    if (!reservation) break;
    const ok = await setMenu(app, telegram, chat, commands, pacer).finally(() => pacer.release(reservation));
    if (ok) set.push({ key: KEY + chat, value });
  }
  await remember(app.db, set);
  return set.length;
}
