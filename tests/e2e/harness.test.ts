/**
 * Proves the e2e harness itself with a tiny telegraf bot, driven over HTTP through the
 * telegram-test-api emulator (plus the methods src/emulator adds).
 */
import { randomBytes } from "node:crypto";
import { Markup, Telegraf, TelegramError } from "telegraf";
import { message } from "telegraf/filters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

let emulator: Emulator;
let bot: Telegraf;
let stopBot: () => Promise<void>;
const botErrors: unknown[] = [];
const repliedTo: Array<number | undefined> = [];

function makeBot(token: string, apiRoot: string): Telegraf {
  const b = new Telegraf(token, { telegram: { apiRoot } });
  b.start((ctx) => ctx.reply(`Xin chào ${ctx.payload}`, Markup.inlineKeyboard([Markup.button.callback("Hoàn thành", "done:1")])));
  b.action(/^done:(\d+)$/, async (ctx) => {
    await ctx.editMessageText(`Đã xong việc ${ctx.match[1]}`);
    await ctx.answerCbQuery("Đã ghi nhận");
  });
  b.on(message("document"), async (ctx) => {
    const link = await ctx.telegram.getFileLink(ctx.message.document.file_id);
    const bytes = Buffer.from(await (await fetch(link)).arrayBuffer());
    await ctx.reply(`Nhận ${bytes.length} byte`);
    await ctx.replyWithDocument({ source: Buffer.from(bytes).reverse(), filename: "x.docx" }, { caption: "Báo cáo" });
  });
  b.on(message("text"), async (ctx) => {
    repliedTo.push(ctx.message.reply_to_message?.message_id);
    await ctx.reply(`Đã nhận: ${ctx.message.text}`);
  });
  b.catch((error) => {
    botErrors.push(error);
  });
  return b;
}

beforeAll(async () => {
  emulator = await startEmulator();
  bot = makeBot(emulator.token, emulator.apiRoot);
  stopBot = await emulator.launchBot(bot);
});

afterAll(async () => {
  await stopBot?.();
  await emulator?.stop();
  expect(botErrors).toEqual([]);
});

describe("e2e harness", () => {
  it("shows an inline button, and a press edits the message and answers the callback", async () => {
    const user = emulator.user({ id: 1001, firstName: "Lan" });
    await user.sendCommand("/start ABC");
    const [greeting] = await user.waitForMessages(1);
    expect(greeting?.text).toBe("Xin chào ABC");
    expect(greeting?.reply_markup?.inline_keyboard?.[0]?.[0]).toMatchObject({ text: "Hoàn thành", callback_data: "done:1" });

    await user.press(greeting!, "Hoàn thành");
    expect(await user.waitForCallbackAnswer()).toEqual({ text: "Đã ghi nhận" });
    const [edited] = await user.waitForMessages(1);
    expect(edited).toMatchObject({ message_id: greeting!.message_id, text: "Đã xong việc 1", edited: true });
    expect(edited?.reply_markup).toBeUndefined(); // an edit without markup drops the keyboard
    await expect(user.press(edited!, "done:1")).rejects.toThrow(/no callback button/);
  });

  it("lets the bot download a user's document and send one back with the exact bytes", async () => {
    const user = emulator.user({ id: 1002 });
    // Random bytes plus CRLF and dash runs, which a string-based multipart split would corrupt.
    const content = Buffer.concat([randomBytes(50_000), Buffer.from("\r\n--\r\n\r\n\xff\x00", "latin1"), randomBytes(1000)]);
    await emulator.userSendsDocument(user, { fileName: "Thông báo kết luận.docx", content });
    const [ack, doc] = await user.waitForMessages(2);
    expect(ack?.text).toBe(`Nhận ${content.length} byte`);
    expect(doc?.caption).toBe("Báo cáo");
    expect(doc?.document?.file_name).toBe("x.docx");
    expect(doc?.document?.mime_type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(doc?.document?.content.equals(Buffer.from(content).reverse())).toBe(true);

    // A Vietnamese file name survives the multipart headers; the document id can be re-sent.
    const sent = await bot.telegram.sendDocument(user.chatId, { source: content, filename: "Báo cáo giao ban.docx" },
      Markup.inlineKeyboard([Markup.button.callback("Gửi lại", "resend")]));
    await bot.telegram.sendDocument(user.chatId, sent.document.file_id);
    const copies = await user.waitForMessages(2);
    expect(copies.map((m) => m.document?.file_name)).toEqual(["Báo cáo giao ban.docx", "Báo cáo giao ban.docx"]);
    expect(copies[0]?.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data).toBe("resend");
    expect(copies.every((m) => m.document?.content.equals(content))).toBe(true);
  });

  it("delivers reply_to_message with the replied bot message id", async () => {
    const user = emulator.user({ id: 1003 });
    await user.sendText("chào");
    const [answer] = await user.waitForMessages(1);
    repliedTo.length = 0;
    await user.reply(answer!, "đang làm");
    await user.waitForMessages((m) => m.text === "Đã nhận: đang làm");
    expect(repliedTo).toEqual([answer!.message_id]);
    await user.expectNoNewMessages(100);
  });

  it("stores commands per scope", async () => {
    const commands = [{ command: "tasks", description: "Việc của đơn vị" }];
    expect(await bot.telegram.setMyCommands(commands)).toBe(true);
    expect(await bot.telegram.setMyCommands([{ command: "summary", description: "Tổng hợp" }], { scope: { type: "chat", chat_id: 1 } })).toBe(true);
    expect(await bot.telegram.getMyCommands()).toEqual(commands);
    expect(emulator.commands({ type: "chat", chat_id: 1 })).toEqual([{ command: "summary", description: "Tổng hợp" }]);
    await expect(bot.telegram.setMyCommands([{ command: "Bad-Name", description: "x" }])).rejects.toThrow(/BOT_COMMAND_INVALID/);
    expect(await bot.telegram.deleteMyCommands()).toBe(true);
    expect(await bot.telegram.getMyCommands()).toEqual([]);
    expect(await bot.telegram.sendChatAction(1, "typing")).toBe(true);
  });

  it("answers 403 for a chat that blocked the bot and 429 when rate limited", async () => {
    const user = emulator.user({ id: 1004 });
    user.blockBot();
    const blocked = await bot.telegram.sendMessage(user.chatId, "nhắc việc").catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(TelegramError);
    expect(blocked).toMatchObject({ code: 403, description: "Forbidden: bot was blocked by the user" });
    emulator.unblockChat(user.chatId);

    emulator.rateLimitNextSends(1, 3);
    const limited = await bot.telegram.sendMessage(user.chatId, "nhắc việc").catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 429, parameters: { retry_after: 3 } });
    await bot.telegram.sendMessage(user.chatId, "nhắc việc");
    expect((await user.waitForMessages(1)).map((m) => m.text)).toEqual(["nhắc việc"]);
  });

  it("rejects what Telegram rejects", async () => {
    const user = emulator.user({ id: 1005 });
    const sent = await bot.telegram.sendMessage(user.chatId, "a");
    await expect(bot.telegram.editMessageText(user.chatId, sent.message_id, undefined, "a")).rejects.toThrow(/not modified/);
    await expect(bot.telegram.sendMessage(user.chatId, "x".repeat(4097))).rejects.toThrow(/too long/);
    await expect(bot.telegram.sendMessage(user.chatId, "b", Markup.inlineKeyboard([Markup.button.callback("b", "x".repeat(65))])))
      .rejects.toThrow(/BUTTON_DATA_INVALID/);
    await expect(bot.telegram.callApi("getChat", { chat_id: user.chatId })).rejects.toMatchObject({ code: 404 });
  });

  it("keeps updates sent while the bot is down until a new bot confirms them", async () => {
    await stopBot();
    const user = emulator.user({ id: 1006 });
    await user.sendText("lúc bot tắt");
    bot = makeBot(emulator.token, emulator.apiRoot);
    stopBot = await emulator.launchBot(bot);
    expect((await user.waitForMessages(1)).map((m) => m.text)).toEqual(["Đã nhận: lúc bot tắt"]);
  });
});
