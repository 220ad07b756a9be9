// How many SQL statements one status button press costs: the bot runs in-process against the
// emulator on a seeded database, a unit head opens a task's card and presses its buttons, and every
// statement better-sqlite3 prepares while that press is handled is counted (BEGIN and COMMIT apart).
// `npx tsx bench/status.ts`, also part of `npm run bench`. Prints figures; asserts nothing.
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import type { Update } from "telegraf/types";
import { createApp } from "../src/app.js";
import { createBot } from "../src/bot/index.js";
import { loadConfig } from "../src/config/env.js";
import { openDatabase } from "../src/db/client.js";
import { createInvite } from "../src/db/members.js";
import { startEmulator, waitUntil, type BotMessage, type TestUser } from "../src/emulator/index.js";
import { silentLogger } from "../src/logger.js";
import { bot as t } from "../src/messages/index.js";
import { ensureOrg } from "../src/services/org.js";
import { seed, vnTime } from "../tests/support/data.js";

/** The statements of the update being handled, by the update's async context. */
const handling = new AsyncLocalStorage<string[]>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  handling.getStore()?.push(sql);
  return prepare.call(this, sql);
} as typeof prepare;

const TRANSACTION = /^(BEGIN|COMMIT|ROLLBACK)\b/i;

/** A statement in a few words: its verb, its table, and what else it does. */
function shortly(sql: string): string {
  let outer = sql; // without what stands in parentheses: subqueries, column and value lists
  while (/\([^()]*\)/.test(outer)) outer = outer.replace(/\([^()]*\)/g, "");
  const verb = /^\s*(\w+)/.exec(outer)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+[`"]?(?:main[`"]?\.[`"]?)?(\w+)/i.exec(outer)?.[1] ?? "";
  const joins = [...outer.matchAll(/\bJOIN\s+[`"]?(?:main[`"]?\.[`"]?)?(\w+)/gi)].map((m) => m[1]);
  const extra = [
    ...(joins.length ? [`joins ${[...new Set(joins)].join(", ")}`] : []),
    ...(/\(\s*SELECT COUNT/i.test(sql) ? ["a count in a subquery"] : []),
    ...(/ON CONFLICT/i.test(sql) ? ["ON CONFLICT"] : []),
    ...(/\bRETURNING\b/i.test(sql) ? ["RETURNING"] : []),
  ];
  return `${verb} ${table}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

function report(name: string, statements: string[]): void {
  const work = statements.filter((s) => !TRANSACTION.test(s.trim()));
  const tx = statements.length - work.length;
  console.log(`${name.padEnd(66)} ${work.length} statements (+ ${tx} BEGIN/COMMIT)`);
  work.forEach((s, i) => console.log(`    ${String(i + 1).padStart(2)}. ${shortly(s)}`));
}

export async function benchStatusPress(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-status-"));
  const emulator = await startEmulator();
  const file = join(dir, "bot.db");
  const db = await openDatabase(file);
  await ensureOrg(db, undefined);
  const now = vnTime("2024-12-16 09:00");
  await seed(db, now);
  const app = createApp({ db, config: loadConfig({ DATABASE_FILE: file, TELEGRAM_API_ROOT: emulator.apiRoot }), clock: () => now, log: silentLogger });
  const bot = createBot(app, emulator.token);
  // Each update is handled in its own async context, where the statements it issues are kept.
  const perUpdate = new Map<number, string[]>();
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = (update: Update, ...rest) => {
    const statements: string[] = [];
    const done = handling.run(statements, () => handleUpdate(update, ...rest));
    return done.finally(() => perUpdate.set(update.update_id, statements));
  };
  const stop = await emulator.launchBot(bot);
  try {
    const invite = await createInvite(db, { role: "unit_head", unitCode: "QLKH", expiresAt: new Date(now.getTime() + 3_600_000) });
    const head = emulator.user({ id: 701, firstName: "Khoa" });
    await head.sendCommand(`/start ${invite.code}`);
    await head.waitForMessages(1);
    await head.sendCommand("/tasks");
    const [list] = await head.waitForMessages(1);
    const card = await opened(head, list!, "1");
    console.log("\nOne status button press on a task's card, SQL statements (better-sqlite3 prepares)");
    console.log("(a chat's session is read once after a start, then kept in memory: the first update of a chat after a start reads it, +1)\n");
    const press = async (name: string, button: string) => {
      await head.press(card, button);
      const update = emulator.lastUserUpdate(head.id, "callbackQuery")!.updateId;
      await waitUntil(() => perUpdate.has(update), 5000, () => `update ${update} not handled`);
      report(name, perUpdate.get(update)!);
    };
    await press(`unit head presses «${t.buttons.done}»`, t.buttons.done);
    await press(`the same button again (nothing changes)`, `• ${t.buttons.done}`);
    await press(`unit head presses «${t.buttons.progress}» (asks for a note)`, t.buttons.progress);
  } finally {
    await stop();
    await emulator.stop();
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Presses `button` under `list` and returns the card it sends. */
async function opened(user: TestUser, list: BotMessage, button: string): Promise<BotMessage> {
  await user.press(list, button);
  const [card] = await user.waitForMessages((m) => (m.reply_markup?.inline_keyboard?.length ?? 0) > 1);
  return card!;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await benchStatusPress();
