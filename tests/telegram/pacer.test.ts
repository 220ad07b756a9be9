// The pacer's rules on a hand-moved clock, then real sends through it to the emulator, measured
// where Telegram would count them: when the emulator stored each message.
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { createBotApi } from "../../src/telegram/botApi.js";
import { DEFAULT_LIMITS, Pacer, pacedBotApi } from "../../src/telegram/pacer.js";

function pacerAt(limits: ConstructorParameters<typeof Pacer>[0] = {}) {
  const clock = { t: 1_000_000 };
  return { clock, pacer: new Pacer(limits, () => clock.t) };
}

/** Reserves and releases at once: a request that ended immediately. */
function sendNow(pacer: Pacer, chatId: number): void {
  pacer.release(pacer.reserve(chatId));
}

describe("Pacer rules", () => {
  it("allows 25 sends in any sliding second overall, the 26th when the first leaves the window", () => {
    const { clock, pacer } = pacerAt({ perSecond: 25 });
    for (let chat = 1; chat <= 25; chat++) {
      expect(pacer.delayFor(chat)).toBe(0);
      sendNow(pacer, chat);
      clock.t += 10;
    }
    // The first send was 250 ms ago.
    expect(pacer.delayFor(26)).toBe(750);
    expect(() => pacer.reserve(26)).toThrow();
    clock.t += 750;
    expect(pacer.delayFor(26)).toBe(0);
  });

  it("keeps a second between two sends to one private chat, other chats unaffected", () => {
    const { clock, pacer } = pacerAt();
    sendNow(pacer, 7);
    clock.t += 300;
    expect(pacer.delayFor(7)).toBe(700);
    expect(pacer.delayFor(8)).toBe(0);
  });

  it("counts a message from the end of its request: the same chat waits while one is in flight, then a second", () => {
    const { clock, pacer } = pacerAt();
    const slow = pacer.reserve(7);
    clock.t += 3000;
    expect(pacer.delayFor(7)).toBe(Infinity);
    pacer.release(slow);
    clock.t += 200;
    expect(pacer.delayFor(7)).toBe(800);
  });

  it("allows 20 sends a sliding minute to a group (negative chat id)", () => {
    const { clock, pacer } = pacerAt();
    for (let i = 0; i < 20; i++) {
      expect(pacer.delayFor(-100)).toBe(0);
      sendNow(pacer, -100);
      clock.t += 1000;
    }
    expect(pacer.delayFor(-100)).toBe(40_000);
    clock.t += 40_000;
    expect(pacer.delayFor(-100)).toBe(0);
  });

  it("holds the fifth request while four are in flight, until one is released", () => {
    const { pacer } = pacerAt();
    const taken = [1, 2, 3, 4].map((chat) => pacer.reserve(chat));
    expect(pacer.delayFor(5)).toBe(Infinity);
    pacer.release(taken[0]!);
    expect(pacer.delayFor(5)).toBe(0);
  });

  it("a 429's retry_after pauses every chat", () => {
    const { clock, pacer } = pacerAt();
    pacer.pauseFor(3);
    expect(pacer.delayFor(1)).toBe(3000);
    expect(pacer.delayFor(-5)).toBe(3000);
    clock.t += 3000;
    expect(pacer.delayFor(1)).toBe(0);
  });

  it("pick skips a chat that must wait, reserves the next one, and says how long when none may go", () => {
    const { clock, pacer } = pacerAt();
    sendNow(pacer, 1);
    const queue = [{ id: "a", chat: 1 }, { id: "b", chat: 1 }, { id: "c", chat: 2 }];
    const first = pacer.pick(queue, (m) => m.chat);
    expect(first.item?.id).toBe("c");
    if (first.item) pacer.release(first.reservation);
    clock.t += 400;
    expect(pacer.pick(queue.slice(0, 2), (m) => m.chat)).toEqual({ item: undefined, waitMs: 600 });
  });
});

describe("paced sends to the emulator", () => {
  it("60 messages to 40 chats stay within the overall limit (28/s) and 1/s per chat, all delivered once, a 429 honoured", async () => {
    const emulator = await startEmulator();
    try {
      const plan = emulator.injectFaults({ calls: { 10: "rate_limit" }, retryAfterS: 1 });
      const api = pacedBotApi(createBotApi({ apiRoot: emulator.apiRoot, token: emulator.token }), new Pacer());
      const chats = Array.from({ length: 60 }, (_, i) => 1000 + (i % 40));
      const results = await Promise.all(chats.map((chat, i) => api.sendMessage(chat, `Tin ${i}`)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(plan.history.filter((f) => f === "rate_limit")).toHaveLength(1);
      const stats = emulator.deliveryStats();
      expect(stats.total).toBe(60);
      expect(stats.peakPerSecond).toBeLessThanOrEqual(DEFAULT_LIMITS.perSecond);
      expect(stats.maxPerChatPerSecond).toBe(1);
      expect(stats.perChat.get(1000)).toBe(2);
      expect(stats.perChat.get(1039)).toBe(1);
    } finally {
      await emulator.stop();
    }
  });
});
