// Command menus for a thousand members: set once, remembered, resumed after a stop mid-pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshMenus } from "../../src/bot/commands.js";
import { waitUntil } from "../../src/emulator/index.js";
import { Pacer } from "../../src/telegram/pacer.js";
import { startTestBot, type TestBot } from "../support/bot.js";

const HEADS = 1000;
let tb: TestBot;
const db = () => tb.server.app.db;
const menuCalls = () => tb.emulator.calls.filter((c) => c.method === "setMyCommands").length;
// The pacer's rules, with a window wide enough that the test does not wait 40 s at 25 a second.
const fastPacer = () => new Pacer({ perSecond: 10_000 });
const never = () => new AbortController().signal;

beforeAll(async () => {
  tb = await startTestBot({ now: "2025-01-06 09:00" });
  const units = await db().unit.findMany();
  await db().member.createMany({
    data: Array.from({ length: HEADS }, (_, i) => ({ telegramUserId: String(50_000 + i), chatId: String(50_000 + i), name: `Trưởng ${i}`, role: "unit_head" as const, unitId: units[i % units.length]!.id })),
  });
});
afterAll(async () => tb?.close());

describe("command menus at scale", () => {
  it("a pass stopped part-way remembers what it set; the next sets only the rest, and then nothing", async () => {
    const telegram = tb.server.bot.telegram;
    const before = menuCalls();
    // The stop comes right after Telegram has taken the 300th menu.
    const stop = new AbortController();
    const stopping = Object.create(telegram) as typeof telegram;
    stopping.setMyCommands = async (...args) => {
      const taken = await telegram.setMyCommands(...args);
      if (menuCalls() >= before + 300) stop.abort();
      return taken;
    };
    const first = await refreshMenus(tb.server.app, stopping, fastPacer(), stop.signal);
    expect(first).toBe(300);

    const second = await refreshMenus(tb.server.app, telegram, fastPacer(), never());
    expect(second).toBe(HEADS - 300);
    expect(menuCalls()).toBe(before + HEADS);
    expect(tb.emulator.commands({ type: "chat", chat_id: 50_000 + HEADS - 1 })?.map((c) => c.command)).toEqual(["tasks", "task", "cancel", "help"]);

    expect(await refreshMenus(tb.server.app, telegram, fastPacer(), never())).toBe(0);
    expect(menuCalls()).toBe(before + HEADS);
  });

  it("a stop does not wait out a long 429: the pass ends at once and keeps what it set", async () => {
    await db().setting.deleteMany({ where: { key: { startsWith: "menu:5" } } });
    const before = menuCalls();
    tb.emulator.injectFaults({ methods: ["setmycommands"], calls: { 11: "rate_limit" }, retryAfterS: 600 });
    const stop = new AbortController();
    const pass = refreshMenus(tb.server.app, tb.server.bot.telegram, fastPacer(), stop.signal);
    await waitUntil(() => menuCalls() >= before + 11, 10_000, () => `${menuCalls() - before} menu calls`);
    const asked = Date.now();
    stop.abort();
    expect(await pass).toBe(10);
    expect(Date.now() - asked).toBeLessThan(5_000);
    tb.emulator.injectFaults({});
    expect(await refreshMenus(tb.server.app, tb.server.bot.telegram, fastPacer(), never())).toBe(HEADS - 10);
  });

  it("a restart with a thousand members whose menus are set calls Telegram for none of them", async () => {
    const before = menuCalls();
    await tb.restart();
    expect(menuCalls()).toBe(before);
  });
});
