// The transport against the real emulator over HTTP: each fault Telegram or the network can cause
// ends in the class that tells the caller whether resending is safe.
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultPlan, peakInWindow, startEmulator, type Emulator, type FaultKind } from "../../src/emulator/index.js";
import { createBotApi, type BotApi } from "../../src/telegram/botApi.js";

let emulator: Emulator;
let api: BotApi;
const chat = 4242;

beforeAll(async () => {
  emulator = await startEmulator();
  api = createBotApi({ apiRoot: emulator.apiRoot, token: emulator.token, requestTimeoutMs: 600 });
});
afterAll(async () => emulator?.stop());

/** The next send meets `fault`; returns its result and how many messages the chat holds after it. */
async function sendWith(fault: FaultKind, text: string) {
  emulator.injectFaults({ calls: { 1: fault }, retryAfterS: 7 });
  const before = emulator.botMessages(chat).length;
  const result = await api.sendMessage(chat, text);
  emulator.injectFaults({});
  return { result, stored: emulator.botMessages(chat).length - before };
}

describe("Bot API transport", () => {
  it("sends a message, a document, a photo and edits buttons, returning Telegram's message ids", async () => {
    const keyboard = { inline_keyboard: [[{ text: "Xong", callback_data: "done:1" }]] };
    const sent = await api.sendMessage(chat, "Nhắc việc", { replyMarkup: keyboard });
    expect(sent.ok).toBe(true);
    const id = sent.ok ? sent.messageId : 0;
    expect(emulator.botMessage(id)?.reply_markup?.inline_keyboard?.[0]?.[0]?.text).toBe("Xong");

    const doc = await api.sendDocument(chat, { filename: "Báo cáo tháng 12.docx", content: Buffer.from([0, 1, 2, 255]) }, { caption: "Tổng hợp" });
    expect(doc.ok).toBe(true);
    const stored = emulator.botMessage(doc.ok ? doc.messageId : 0);
    expect(stored?.document?.file_name).toBe("Báo cáo tháng 12.docx");
    expect([...(stored?.document?.content ?? [])]).toEqual([0, 1, 2, 255]);
    expect(stored?.caption).toBe("Tổng hợp");

    expect((await api.sendPhoto(chat, { filename: "chart.png", content: Buffer.from("png") })).ok).toBe(true);
    expect(await api.editMessageReplyMarkup(chat, id)).toEqual({ ok: true, messageId: id });
    expect(emulator.botMessage(id)?.reply_markup?.inline_keyboard).toBeUndefined();
  });

  it("429 is rate_limited with Telegram's retry_after, nothing stored", async () => {
    expect(await sendWith("rate_limit", "a")).toEqual({ result: { ok: false, failure: { kind: "rate_limited", retryAfterS: 7 } }, stored: 0 });
  });

  it("500 is retryable, nothing stored", async () => {
    const { result, stored } = await sendWith("server_error", "b");
    expect(result).toMatchObject({ ok: false, failure: { kind: "retryable" } });
    expect(stored).toBe(0);
  });

  it("a reset before the body was sent is retryable: the message was not delivered", async () => {
    const { result, stored } = await sendWith("reset_before", "c");
    expect(result).toMatchObject({ ok: false, failure: { kind: "retryable" } });
    expect(stored).toBe(0);
  });

  it("a reset after the message was stored is ambiguous: it was delivered", async () => {
    const { result, stored } = await sendWith("reset_after", "d");
    expect(result).toMatchObject({ ok: false, failure: { kind: "ambiguous" } });
    expect(stored).toBe(1);
  });

  it("a request never answered ends at the timeout as ambiguous, stored or not", async () => {
    const started = Date.now();
    const stored = await sendWith("hang_stored", "e");
    const unstored = await sendWith("hang_unstored", "f");
    expect(stored).toMatchObject({ result: { ok: false, failure: { kind: "ambiguous" } }, stored: 1 });
    expect(unstored).toMatchObject({ result: { ok: false, failure: { kind: "ambiguous" } }, stored: 0 });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("403 blocked and chat not found are unreachable; other 4xx rejected with Telegram's description", async () => {
    emulator.blockChat(99);
    expect(await api.sendMessage(99, "g")).toMatchObject({ ok: false, failure: { kind: "unreachable", reason: "Forbidden: bot was blocked by the user" } });
    expect(await api.sendMessage(1.5, "h")).toMatchObject({ ok: false, failure: { kind: "unreachable", reason: "Bad Request: chat not found" } });
    expect(await api.sendMessage(chat, " ")).toEqual({ ok: false, failure: { kind: "rejected", reason: "Bad Request: message text is empty" } });
  });

  it("a refused connection is retryable, and no reason ever contains the token", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const closed = createBotApi({ apiRoot: `http://127.0.0.1:${port}`, token: emulator.token, requestTimeoutMs: 600 });
    const result = await closed.sendMessage(chat, "i");
    expect(result).toMatchObject({ ok: false, failure: { kind: "retryable" } });
    expect(JSON.stringify(result)).not.toContain(emulator.token);
    const bad = createBotApi({ apiRoot: emulator.apiRoot, token: "1:wrong-token-wrong-token", requestTimeoutMs: 600 });
    const unauthorized = await bad.sendMessage(chat, "j");
    expect(unauthorized).toEqual({ ok: false, failure: { kind: "rejected", reason: "Unauthorized" } });
  });
});

describe("a server that never answers 100 Continue", () => {
  it("still gets the body after the continue timeout (RFC 9110) and the message goes through", async () => {
    const bodies: string[] = [];
    const server = createHttpServer();
    // With a checkContinue listener Node no longer sends 100 Continue itself; this one never does.
    server.on("checkContinue", async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result: { message_id: 12 } }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const slow = createBotApi({ apiRoot: `http://127.0.0.1:${port}`, token: "1:abcdefghijklmnopqrstuvwxyz", continueTimeoutMs: 300 });
      const started = Date.now();
      expect(await slow.sendMessage(5, "Nhắc việc")).toEqual({ ok: true, messageId: 12 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(JSON.parse(bodies[0]!)).toMatchObject({ chat_id: 5, text: "Nhắc việc" });
    } finally {
      server.close();
    }
  });
});

describe("delivery measurements", () => {
  it("peakInWindow counts the most messages inside any sliding window", () => {
    expect(peakInWindow([0, 100, 999, 1000, 1500, 1999], 1000)).toBe(3);
    expect(peakInWindow([0, 100, 999, 1000, 1500, 1998], 1000)).toBe(4);
    expect(peakInWindow([5000, 0, 2000], 1000)).toBe(1);
    expect(peakInWindow([], 1000)).toBe(0);
  });
});

describe("emulator fault plan", () => {
  it("is deterministic for a seed and spreads faults by fraction", () => {
    const draw = () => {
      const plan = new FaultPlan({ seed: 42, fractions: { rate_limit: 0.2, server_error: 0.1 } });
      return Array.from({ length: 1000 }, () => plan.next("sendMessage"));
    };
    const faults = draw();
    expect(draw()).toEqual(faults);
    expect(faults.filter((f) => f === "rate_limit").length).toBeGreaterThan(150);
    expect(faults.filter((f) => f === "rate_limit").length).toBeLessThan(250);
    expect(faults.filter((f) => f === "server_error").length).toBeGreaterThan(60);
    expect(new FaultPlan({ fractions: { rate_limit: 1 } }).next("getUpdates")).toBeUndefined();
  });
});
