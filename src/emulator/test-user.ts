import type { TelegramClient } from "telegram-test-api/lib/modules/telegramClient.js";
import type { BotMessage, CallbackAnswer, Emulator } from "./index.js";
import { mimeTypeOf, waitUntil } from "./util.js";

export interface TestUserOptions {
  /** Telegram user id; also the private chat id unless `chatId` is given. */
  id: number;
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  chatId?: number;
  /** A group chat the user writes in (its id should be negative, as Telegram's are). */
  group?: { title: string };
}

export interface UserDocument {
  fileName: string;
  mimeType?: string;
  content: Buffer;
  caption?: string;
}

const DEFAULT_TIMEOUT_MS = 3000;

function describe(messages: BotMessage[]): string {
  if (messages.length === 0) return "(none)";
  return messages.map((m) => {
    const body = m.text ?? `[document ${m.document?.file_name ?? "?"}] ${m.caption ?? ""}`;
    const buttons = m.reply_markup?.inline_keyboard?.flat().map((b) => `[${b.text}]`).join(" ") ?? "";
    return `  #${m.message_id}${m.edited ? ` (edit ${m.revision})` : ""}: ${JSON.stringify(body.slice(0, 300))} ${buttons}`;
  }).join("\n");
}

/**
 * A simulated user talking to the bot in a private chat. Sends go through the emulator's client
 * (its HTTP user-side routes); reads look at the emulator's stored bot messages for this chat.
 */
export class TestUser {
  readonly id: number;
  readonly chatId: number;
  readonly firstName: string;
  readonly from: { id: number; is_bot: false; first_name: string; last_name?: string; username?: string; language_code?: string };
  readonly chat: { id: number; type: "private" | "group"; first_name?: string; last_name?: string; username?: string; title?: string };
  private readonly client: TelegramClient;
  /** message_id → revision already returned by waitForMessages. */
  private readonly seen = new Map<number, number>();
  private last: BotMessage[] = [];
  private lastCallbackId: string | undefined;

  constructor(private readonly emulator: Emulator, options: TestUserOptions) {
    this.id = options.id;
    this.chatId = options.chatId ?? options.id;
    this.firstName = options.firstName ?? `User${options.id}`;
    this.from = { id: this.id, is_bot: false, first_name: this.firstName, last_name: options.lastName,
      username: options.username, language_code: options.languageCode ?? "vi" };
    this.chat = options.group
      ? { id: this.chatId, type: "group", title: options.group.title }
      : { id: this.chatId, type: "private", first_name: this.firstName, last_name: options.lastName, username: options.username };
    this.client = emulator.server.getClient(emulator.token, { userId: this.id, chatId: this.chatId, firstName: this.firstName });
  }

  private base(): Record<string, unknown> {
    return { botToken: this.emulator.token, date: Math.floor(Date.now() / 1000), from: this.from, chat: this.chat };
  }

  /** The message_id the emulator gave our last message (it stores it before answering). */
  private lastSentId(): number {
    const update = this.emulator.lastUserUpdate(this.id, "message");
    if (!update) throw new Error(`user ${this.id}: the emulator did not store the message`);
    return update.messageId;
  }

  /**
   * Sends a text; a leading "/command" gets a bot_command entity as Telegram clients add one
   * (telegraf's bot.command() matches on it). Resolves with the message_id.
   */
  async sendText(text: string, extra: Record<string, unknown> = {}): Promise<number> {
    const command = /^\/[A-Za-z0-9_]+(?:@\w+)?/.exec(text);
    if (command) {
      const entities = [{ type: "bot_command", offset: 0, length: command[0].length }];
      await this.client.sendCommand({ ...this.base(), text, entities, ...extra } as never);
    } else {
      await this.client.sendMessage({ ...this.base(), text, ...extra } as never);
    }
    return this.lastSentId();
  }

  /** `sendCommand("/start ABC")`. */
  sendCommand(text: string): Promise<number> {
    if (!text.startsWith("/")) throw new Error(`not a command: ${text}`);
    return this.sendText(text);
  }

  /** Replies to a bot message (message.reply_to_message is that message as it is now). */
  reply(to: BotMessage, text: string): Promise<number> {
    const update = this.emulator.findBotUpdate(to.message_id);
    const replyTo = update ? this.emulator.toMessage(update) : { message_id: to.message_id, text: to.text, chat: this.chat };
    return this.sendText(text, { reply_to_message: replyTo });
  }

  /** Uploads a document to the bot; the bot can getFile + download it. Resolves with the message_id. */
  async sendDocument(doc: UserDocument): Promise<number> {
    const file = this.emulator.storeFile(doc.fileName, doc.mimeType ?? mimeTypeOf(doc.fileName), doc.content);
    const document = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_name: file.file_name,
      mime_type: file.mime_type, file_size: file.content.length };
    // No `text` key: telegraf would otherwise treat the update as a text message too.
    const message = { ...this.base(), document, ...(doc.caption === undefined ? {} : { caption: doc.caption }) };
    await this.client.sendMessage(message as never);
    return this.lastSentId();
  }

  /**
   * Presses an inline button, found by callback_data or by its label, on the message as it is
   * now (a real user cannot press a button that an edit removed; pass `unchecked` to forge one).
   * Resolves with the callback query id.
   */
  async press(message: BotMessage, button: string, options: { unchecked?: boolean } = {}): Promise<string> {
    const update = this.emulator.findBotUpdate(message.message_id, this.chatId);
    if (!update) throw new Error(`message #${message.message_id} is gone from chat ${this.chatId}`);
    let data = button;
    if (!options.unchecked) {
      const buttons = this.emulator.botMessage(message.message_id)?.reply_markup?.inline_keyboard?.flat() ?? [];
      const found = buttons.find((b) => b.callback_data === button) ?? buttons.find((b) => b.text === button);
      if (found?.callback_data === undefined) {
        const labels = buttons.map((b) => `${b.text} (${b.callback_data ?? b.url ?? "?"})`).join(", ") || "none";
        throw new Error(`no callback button "${button}" on message #${message.message_id}; buttons: ${labels}`);
      }
      data = found.callback_data;
    }
    const { chat: _chat, ...meta } = this.base();
    await this.client.sendCallback({ ...meta, message: this.emulator.toMessage(update), data } as never);
    const stored = this.emulator.lastUserUpdate(this.id, "callbackQuery");
    if (stored?.callbackId === undefined) throw new Error(`user ${this.id}: the emulator did not store the callback`);
    this.lastCallbackId = String(stored.callbackId);
    return this.lastCallbackId;
  }

  /** The bot's answerCallbackQuery for a press (default: our last press). */
  async waitForCallbackAnswer(callbackId = this.lastCallbackId, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CallbackAnswer> {
    if (callbackId === undefined) throw new Error("nothing was pressed");
    await waitUntil(() => this.emulator.callbackAnswers.has(callbackId), timeoutMs,
      () => `user ${this.id}: no answerCallbackQuery for callback ${callbackId} within ${timeoutMs} ms`);
    return this.emulator.callbackAnswers.get(callbackId) ?? {};
  }

  /** Bot messages sent or edited since they were last returned, oldest first. */
  private fresh(): BotMessage[] {
    return this.emulator.botMessages(this.chatId).filter((m) => (this.seen.get(m.message_id) ?? -1) < m.revision);
  }

  /**
   * Waits until `count` new-or-edited bot messages are there (or one matches `predicate`) and
   * returns all new-or-edited ones since the previous call; an edited message comes back with
   * `edited: true`. Messages that arrive later are returned by the next call.
   */
  async waitForMessages(what: number | ((m: BotMessage) => boolean) = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<BotMessage[]> {
    const ready = (): boolean => (typeof what === "number" ? this.fresh().length >= what : this.fresh().some(what));
    await waitUntil(ready, timeoutMs, () => {
      const wanted = typeof what === "number" ? `${what} new bot message(s)` : "a bot message matching the predicate";
      return `user ${this.id}: waited ${timeoutMs} ms for ${wanted} in chat ${this.chatId}; new since last call:\n`
        + `${describe(this.fresh())}\nall messages in chat:\n${describe(this.allMessages())}`;
    });
    return this.take();
  }

  /** Fails if the bot sends or edits anything in this chat within `ms` (e.g. no double sends). */
  async expectNoNewMessages(ms = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const fresh = this.fresh();
    if (fresh.length > 0) throw new Error(`user ${this.id}: expected no new bot messages, got:\n${describe(fresh)}`);
  }

  private take(): BotMessage[] {
    this.last = this.fresh();
    for (const m of this.last) this.seen.set(m.message_id, m.revision);
    return this.last;
  }

  /** What the last waitForMessages returned. */
  lastMessages(): BotMessage[] {
    return this.last;
  }

  /** Every bot message in this chat as it looks now. */
  allMessages(): BotMessage[] {
    return this.emulator.botMessages(this.chatId);
  }

  /** From now on the bot gets 403 "bot was blocked by the user" for this chat. */
  blockBot(): void {
    this.emulator.blockChat(this.chatId);
  }
}
