/**
 * End-to-end harness: a telegram-test-api emulator on 127.0.0.1 plus the Bot API methods it
 * lacks (sendDocument, sendPhoto, getFile + file download, *MyCommands, sendChatAction) and fixes where its
 * behaviour differs from Telegram in ways our bot depends on (see the notes at `handlers`).
 *
 * The emulator's express app ends in a 404 catch-all added in its constructor, so routes added
 * to it later are never reached. Instead the harness replaces the app's request listener before
 * `start()`: Bot API calls are answered here, everything else (the user-side routes /sendMessage,
 * /sendCommand, /sendCallback, and setWebhook) falls through to the emulator untouched.
 * Faults (429, 500, connection resets, unanswered requests; see faults.ts) are injected here too.
 */
import { randomBytes, randomInt } from "node:crypto";
import { EventEmitter } from "node:events";
import type { IncomingMessage, RequestListener, Server as HttpServer, ServerResponse } from "node:http";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { extname } from "node:path";
import type { Context, Telegraf } from "telegraf";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { deliveryStats, FaultPlan, type Delivery, type DeliveryStats, type FaultKind, type FaultPlanOptions } from "./faults.js";
import { parseRequest, type UploadedFile } from "./http-body.js";
import { mimeTypeOf } from "./util.js";
import { TestUser, type TestUserOptions, type UserDocument } from "./test-user.js";

export { TestUser, type TestUserOptions, type UserDocument } from "./test-user.js";
export { FaultPlan, peakInWindow, type Delivery, type DeliveryStats, type FaultKind, type FaultPlanOptions } from "./faults.js";
export { mimeTypeOf, waitUntil } from "./util.js";

/** How the emulator keeps one bot message (its private type, restated). */
export interface StoredBotUpdate {
  time: number;
  botToken: string;
  updateId: number;
  messageId: number;
  isRead: boolean;
  message: Record<string, unknown>;
}

/** How the emulator keeps one user update: a message or a callback query. */
export interface StoredUserUpdate {
  time: number;
  botToken: string;
  updateId: number;
  messageId: number;
  isRead: boolean;
  message?: Record<string, unknown> & { from?: { id: number } };
  callbackQuery?: { from: { id: number } };
  callbackId?: number;
}

interface ServerInternals {
  webServer: RequestListener & { settings?: unknown };
  server?: HttpServer;
  storage: { userMessages: StoredUserUpdate[]; botMessages: StoredBotUpdate[] };
}

const formatUpdate = (TelegramServer as unknown as { formatUpdate(u: StoredUserUpdate): unknown })
  .formatUpdate;

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** A bot message as the user currently sees it. */
export interface BotMessage {
  message_id: number;
  chat_id: number;
  text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard?: InlineButton[][]; [key: string]: unknown };
  reply_to_message_id?: number;
  document?: { file_id: string; file_name: string; mime_type: string; content: Buffer };
  /** A photo the bot sent (sendPhoto): its stored file. */
  photo?: { file_id: string; content: Buffer };
  /** 0 as sent, +1 for every edit. */
  revision: number;
  edited: boolean;
  /** The stored request fields (a copy). */
  raw: Record<string, unknown>;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  file_path: string;
  content: Buffer;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
}

/** An error answer to getUpdates; retryAfterS sets `parameters.retry_after` (telegraf waits that long). */
export interface PollingAnswer {
  code: number;
  description: string;
  retryAfterS?: number;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
}

/** A Bot API error answer; telegraf turns it into a TelegramError with this code. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

type Handler = (token: string, params: Record<string, unknown>, files: Record<string, UploadedFile>,
  res: ServerResponse) => unknown;

/** Methods still answered by the emulator itself. */
const EMULATOR_METHODS = new Set(["setwebhook"]);
const USER_UPDATE_EVENTS = ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"];
const NOT_MODIFIED = "Bad Request: message is not modified: specified new message content and reply "
  + "markup are exactly the same as a current content and reply markup of the message";

/** Form and query parameters arrive as strings; JSON bodies carry objects already. */
function json(value: unknown): unknown {
  return typeof value === "string" && /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function randomToken(): string {
  return `${randomInt(100_000_000, 999_999_999)}:AA${randomBytes(24).toString("base64url")}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export class Emulator {
  /** Every Bot API call the harness answered, in order (without file bytes). */
  readonly calls: ApiCall[] = [];
  /** Files known to the bot: uploaded by users or sent by the bot. */
  readonly files = new Map<string, StoredFile>();
  /** Callback query id → the bot's answerCallbackQuery. */
  readonly callbackAnswers = new Map<string, CallbackAnswer>();
  /**
   * Called with each answer accepted, and awaited before the bot hears back: a test sees the world
   * (the database, the chat) as it was when the press was answered.
   */
  onCallbackAnswer: ((callbackId: string, answer: CallbackAnswer) => unknown) | undefined;
  /** `${JSON scope}|${language_code}` → commands; see `commands()`. */
  readonly commandSets = new Map<string, BotCommand[]>();
  readonly botUser: { id: number; is_bot: true; first_name: string; username: string };
  private readonly events = new EventEmitter();
  private readonly tokens = new Set<string>();
  private readonly blocked = new Set<number>();
  private readonly revisions = new Map<number, number>();
  private readonly users = new Map<number, TestUser>();
  private readonly runningBots = new Set<() => Promise<void>>();
  private rateLimit = { count: 0, retryAfter: 1 };
  private fileSeq = 0;
  /** Every bot message stored, with its chat and time (see `deliveryStats()`). */
  readonly deliveries: Delivery[] = [];
  private faults: FaultPlan | undefined;
  /** The fault already chosen for a request at its `Expect: 100-continue`. */
  private readonly decided = new WeakMap<IncomingMessage, FaultKind | undefined>();
  /** Connections of requests held unanswered; destroyed on stop(). */
  private readonly held = new Set<Socket>();
  private pollingAnswer: PollingAnswer | undefined;
  private readonly listener: RequestListener;

  constructor(readonly server: TelegramServer, readonly token: string) {
    this.tokens.add(token);
    this.botUser = { id: Number(token.split(":")[0]), is_bot: true, first_name: "Test Bot", username: "TestNameBot" };
    this.events.setMaxListeners(100);
    const internals = server as unknown as ServerInternals;
    const emulatorApp = internals.webServer;
    this.listener = (req, res) => {
      this.route(req, res, emulatorApp).catch((error: unknown) => {
        if (!res.headersSent) this.send(res, 500, { ok: false, error_code: 500, description: String(error) });
      });
    };
    // start() logs `webServer.settings.env`, so keep the express app's settings visible.
    internals.webServer = Object.assign(this.listener, { settings: internals.webServer.settings });
  }

  get apiRoot(): string {
    return this.server.config.apiURL;
  }

  private get storage(): ServerInternals["storage"] {
    // The emulator replaces its storage object on stop(), so never cache it.
    return (this.server as unknown as ServerInternals).storage;
  }

  /** Registers another bot token (each token is a separate bot with its own updates). */
  newBotToken(): string {
    const token = randomToken();
    this.tokens.add(token);
    return token;
  }

  /** A simulated Telegram user in a private chat with the bot (chat id = user id unless given). */
  user(options: TestUserOptions): TestUser {
    const user = new TestUser(this, options);
    this.users.set(user.chatId, user);
    return user;
  }

  /** Convenience for `user.sendDocument(doc)`. */
  userSendsDocument(user: TestUser, doc: UserDocument): Promise<number> {
    return user.sendDocument(doc);
  }

  /** Every send/edit/chat action to this chat answers 403 "bot was blocked by the user". */
  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** The next `count` sendMessage/sendDocument calls answer 429 with `retry_after`. */
  rateLimitNextSends(count: number, retryAfterSeconds = 1): void {
    this.rateLimit = { count, retryAfter: retryAfterSeconds };
  }

  /** From now on sendMessage/sendDocument/sendPhoto calls fail as the plan says; returns the plan. */
  injectFaults(options: FaultPlanOptions): FaultPlan {
    this.faults = new FaultPlan(options);
    return this.faults;
  }

  /** Pace and counts of the bot messages stored so far. */
  deliveryStats(): DeliveryStats {
    return deliveryStats(this.deliveries);
  }

  /**
   * getUpdates answers this error from now on, e.g. 409 "Conflict: terminated by other getUpdates
   * request" as when a second instance polls with the same token; undefined: answers normally.
   */
  failPolling(answer: PollingAnswer | undefined): void {
    this.pollingAnswer = answer;
  }

  /** The token stops working (401 Unauthorized), as when the operator revokes it at @BotFather. */
  revokeToken(token = this.token): void {
    this.tokens.delete(token);
  }

  /**
   * Called after the HTTP server listens: with a 'checkContinue' listener Node no longer answers
   * `Expect: 100-continue` by itself, so a request can be refused before its body is sent.
   */
  attach(): void {
    const http = (this.server as unknown as ServerInternals).server;
    http?.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
      const method = /\/bot[^/]+\/(?:test\/)?([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://emulator").pathname)?.[1];
      const fault = method === undefined ? undefined : this.faults?.next(method);
      this.decided.set(req, fault);
      if (fault === "reset_before") return void req.socket.destroy();
      res.writeContinue();
      this.listener(req, res);
    });
  }

  /** Telegram sends this user update again (as after a crash before it was confirmed) to the next poll from offset 0. */
  redeliver(updateId: number): void {
    const update = this.storage.userMessages.find((u) => u.updateId === updateId);
    if (!update) throw new Error(`no user update ${updateId}`);
    update.isRead = false;
  }

  /** Commands the bot set for a scope (default scope, no language unless given). */
  commands(scope: Record<string, unknown> = { type: "default" }, languageCode = ""): BotCommand[] | undefined {
    return this.commandSets.get(`${JSON.stringify(scope)}|${languageCode}`);
  }

  storeFile(fileName: string, mimeType: string, content: Buffer): StoredFile {
    const n = ++this.fileSeq;
    const file: StoredFile = {
      file_id: `BQAC${n}_${randomBytes(12).toString("base64url")}`,
      file_unique_id: `AgAD${n}`,
      file_name: fileName,
      mime_type: mimeType,
      file_path: `documents/file_${n}${extname(fileName)}`,
      content,
    };
    this.files.set(file.file_id, file);
    return file;
  }

  findBotUpdate(messageId: number, chatId?: number, token = this.token): StoredBotUpdate | undefined {
    return this.storage.botMessages.find((u) => u.botToken === token && u.messageId === messageId
      && (chatId === undefined || Number(u.message.chat_id) === chatId));
  }

  /** Current state of one bot message, or undefined once deleted. */
  botMessage(messageId: number, token = this.token): BotMessage | undefined {
    const update = this.findBotUpdate(messageId, undefined, token);
    return update && this.toBotMessage(update);
  }

  /** All bot messages in a chat, oldest first, as they look now (edits applied). */
  botMessages(chatId: number, token = this.token): BotMessage[] {
    return this.storage.botMessages
      .filter((u) => u.botToken === token && Number(u.message.chat_id) === chatId)
      .sort((a, b) => a.messageId - b.messageId)
      .map((u) => this.toBotMessage(u));
  }

  /** The newest user update from this Telegram user (to learn the id the emulator gave it). */
  lastUserUpdate(userId: number, kind: "message" | "callbackQuery"): StoredUserUpdate | undefined {
    return this.storage.userMessages.findLast((u) => u[kind]?.from?.id === userId);
  }

  /** A bot message as a Bot API Message object (for results, reply_to_message, callback_query.message). */
  toMessage(update: StoredBotUpdate): Record<string, unknown> {
    const m = update.message;
    const markup = json(m.reply_markup) as Record<string, unknown> | undefined;
    return {
      message_id: update.messageId,
      from: this.botUser,
      chat: this.chatOf(Number(m.chat_id)),
      date: Math.floor(update.time / 1000),
      edit_date: m.edit_date,
      text: m.text,
      entities: m.entities,
      caption: m.caption,
      document: m.document,
      photo: m.photo,
      reply_markup: markup && "inline_keyboard" in markup ? markup : undefined,
    };
  }

  /** The stored file of a sent photo (its one size). */
  private photoOf(photo: unknown): BotMessage["photo"] {
    const file = Array.isArray(photo) ? this.files.get(String((photo[0] as { file_id: string }).file_id)) : undefined;
    return file && { file_id: file.file_id, content: file.content };
  }

  private chatOf(chatId: number): Record<string, unknown> {
    return this.users.get(chatId)?.chat ?? { id: chatId, type: chatId > 0 ? "private" : "group" };
  }

  private toBotMessage(update: StoredBotUpdate): BotMessage {
    const m = update.message;
    const doc = m.document as { file_id: string } | undefined;
    const file = doc && this.files.get(doc.file_id);
    const revision = this.revisions.get(update.messageId) ?? 0;
    const replyTo = m.reply_to_message_id ?? (json(m.reply_parameters) as { message_id?: unknown } | undefined)?.message_id;
    return {
      message_id: update.messageId,
      chat_id: Number(m.chat_id),
      text: optionalString(m.text),
      caption: optionalString(m.caption),
      parse_mode: optionalString(m.parse_mode),
      reply_markup: json(m.reply_markup) as BotMessage["reply_markup"],
      reply_to_message_id: replyTo === undefined ? undefined : Number(replyTo),
      document: file && { file_id: file.file_id, file_name: file.file_name, mime_type: file.mime_type, content: file.content },
      photo: this.photoOf(m.photo),
      revision,
      edited: revision > 0,
      raw: structuredClone(m),
    };
  }

  /**
   * Launches a telegraf bot with long polling and resolves once it is polling (its first
   * getUpdates reached us). `bot.launch()` itself only settles when polling stops. Returns stop(),
   * which also waits for in-flight handlers; `emulator.stop()` stops bots still running.
   */
  async launchBot<C extends Context>(bot: Telegraf<C>): Promise<() => Promise<void>> {
    const token = bot.telegram.token;
    let failure: unknown;
    let onPoll: ((polledToken: string) => void) | undefined;
    const polling = new Promise<void>((resolve) => {
      onPoll = (polledToken) => polledToken === token && resolve();
      this.events.on("poll", onPoll);
    });
    const running = bot.launch({ dropPendingUpdates: false }).catch((error: unknown) => {
      failure = error;
    });
    try {
      await Promise.race([polling, running.then(() => {
        throw new Error(`bot stopped before it polled: ${String(failure)}`);
      })]);
    } finally {
      if (onPoll) this.events.off("poll", onPoll);
    }
    const stop = async (): Promise<void> => {
      if (!this.runningBots.delete(stop)) return;
      try {
        bot.stop("test finished");
      } catch {
        // "Bot is not running!": polling already ended with `failure`.
      }
      await running;
    };
    this.runningBots.add(stop);
    return stop;
  }

  async stop(): Promise<void> {
    for (const stopBot of [...this.runningBots]) await stopBot();
    this.events.emit("stop"); // releases held getUpdates so the HTTP server can close
    for (const socket of this.held) socket.destroy();
    await this.server.stop();
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private async route(req: IncomingMessage, res: ServerResponse, emulatorApp: RequestListener): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.download(res, decodeURIComponent(download[1] ?? ""), download[2] ?? "");
    const api = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)$/.exec(url.pathname);
    if (!api) return emulatorApp(req, res); // the user-side routes of the emulator
    const token = decodeURIComponent(api[1] ?? "");
    const method = api[2] ?? "";
    if (!this.tokens.has(token)) return this.send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (EMULATOR_METHODS.has(method.toLowerCase())) return emulatorApp(req, res);
    const handler = this.handlers[method.toLowerCase()];
    if (!handler) {
      return this.send(res, 404, {
        ok: false, error_code: 404,
        description: `Not Found: method ${method} is emulated neither by telegram-test-api nor by src/emulator`,
      });
    }
    const fault = this.decided.has(req) ? this.decided.get(req) : this.faults?.next(method);
    if (fault === "reset_before") return void req.socket.destroy();
    if (fault === "hang_unstored") return this.hold(req);
    const { params, files } = await parseRequest(req, url);
    delete params.method; // telegraf repeats the method name in multipart bodies
    this.calls.push({ method, params });
    try {
      if (fault === "rate_limit") {
        const retryAfter = this.faults?.retryAfterS ?? 1;
        throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
      if (fault === "server_error") throw new ApiError(500, "Internal Server Error");
      const result = await handler(token, params, files, res);
      if (fault === "reset_after") return void req.socket.destroy();
      if (fault === "hang_stored") return this.hold(req);
      this.send(res, 200, { ok: true, result });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.send(res, error.code, { ok: false, error_code: error.code, description: error.description, parameters: error.parameters });
    }
  }

  private hold(req: IncomingMessage): void {
    this.held.add(req.socket);
    req.socket.once("close", () => this.held.delete(req.socket));
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return; // the bot gave up (stopped polling)
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private download(res: ServerResponse, token: string, filePath: string): void {
    const file = [...this.files.values()].find((f) => f.file_path === filePath);
    if (!this.tokens.has(token) || !file) {
      this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    res.writeHead(200, { "content-type": file.mime_type, "content-length": file.content.length }).end(file.content);
  }

  // ---------------------------------------------------------------------------------------------
  // Bot API methods. Where the emulator has one, ours differs on purpose:
  // - getUpdates long-polls and honours offset/limit like Telegram: an update stays pending until
  //   a later offset confirms it (the emulator marks everything read as soon as it is returned,
  //   and answers at once, which makes telegraf's polling loop spin).
  // - edits answer 400 when the message is missing or unchanged, and an edit without reply_markup
  //   removes the inline keyboard (the emulator merged fields, so old buttons stayed).
  // - answerCallbackQuery is recorded, and a second answer to the same query fails as in Telegram;
  //   `onCallbackAnswer` lets a test look at the world at the moment of the answer.
  // - sendMessage rejects empty or > 4096-char text and callback_data over 64 bytes, and returns
  //   `date` in seconds and a `from` (the emulator used milliseconds and no sender).

  private readonly handlers: Record<string, Handler> = {
    getme: () => this.botUser,
    getupdates: (token, p, _files, res) => {
      const failure = this.pollingAnswer;
      if (failure) throw new ApiError(failure.code, failure.description, failure.retryAfterS ? { retry_after: failure.retryAfterS } : undefined);
      return this.getUpdates(token, p, res);
    },
    deletewebhook: (token, p) => {
      if (String(p.drop_pending_updates) === "true") this.pendingUpdates(token, Infinity).forEach((u) => (u.isRead = true));
      return true;
    },
    sendmessage: (token, p) => {
      const chatId = this.guardSend(p.chat_id);
      const text = optionalString(p.text) ?? "";
      if (text.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
      if (text.length > 4096) throw new ApiError(400, "Bad Request: message is too long");
      return this.addBotMessage(token, { ...p, chat_id: chatId, text, reply_markup: this.markup(p.reply_markup) });
    },
    senddocument: (token, p, files) => {
      const chatId = this.guardSend(p.chat_id);
      const file = this.sentFile(files.document, p.document, p.caption);
      const document = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_name: file.file_name,
        mime_type: file.mime_type, file_size: file.content.length };
      return this.addBotMessage(token, { ...p, chat_id: chatId, document, reply_markup: this.markup(p.reply_markup) });
    },
    sendphoto: (token, p, files) => {
      const chatId = this.guardSend(p.chat_id);
      const file = this.sentFile(files.photo, p.photo, p.caption);
      const photo = [{ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.content.length }];
      return this.addBotMessage(token, { ...p, chat_id: chatId, photo, reply_markup: this.markup(p.reply_markup) });
    },
    editmessagetext: (token, p) => this.edit(token, p, (m) => {
      if (m.text === undefined) throw new ApiError(400, "Bad Request: there is no text in the message to edit");
      const text = optionalString(p.text) ?? "";
      if (text.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
      if (text.length > 4096) throw new ApiError(400, "Bad Request: message is too long");
      Object.assign(m, { text, parse_mode: p.parse_mode, entities: json(p.entities) });
    }),
    editmessagecaption: (token, p) => this.edit(token, p, (m) => {
      this.checkCaption(p.caption);
      Object.assign(m, { caption: p.caption, parse_mode: p.parse_mode });
    }),
    editmessagereplymarkup: (token, p) => this.edit(token, p, () => undefined),
    deletemessage: (token, p) => {
      const update = this.findBotUpdate(Number(p.message_id), Number(p.chat_id), token);
      if (!update) throw new ApiError(400, "Bad Request: message to delete not found");
      this.storage.botMessages = this.storage.botMessages.filter((u) => u !== update);
      return true;
    },
    answercallbackquery: async (_token, p) => {
      const id = String(p.callback_query_id);
      const known = this.storage.userMessages.some((u) => u.callbackId !== undefined && String(u.callbackId) === id);
      if (!known || this.callbackAnswers.has(id)) {
        throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
      }
      const answer = { text: optionalString(p.text), show_alert: String(p.show_alert) === "true" || undefined, url: optionalString(p.url) };
      this.callbackAnswers.set(id, answer);
      await this.onCallbackAnswer?.(id, answer);
      return true;
    },
    sendchataction: (_token, p) => {
      this.guardChat(p.chat_id);
      return true;
    },
    setmycommands: (_token, p) => {
      const commands = json(p.commands) as BotCommand[];
      for (const c of commands) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new ApiError(400, "Bad Request: BOT_COMMAND_INVALID");
        if (!c.description || c.description.length > 256) throw new ApiError(400, "Bad Request: command description is empty or too long");
      }
      this.commandSets.set(this.commandKey(p), commands.map(({ command, description }) => ({ command, description })));
      return true;
    },
    getmycommands: (_token, p) => this.commandSets.get(this.commandKey(p)) ?? [],
    deletemycommands: (_token, p) => {
      this.commandSets.delete(this.commandKey(p));
      return true;
    },
    getfile: (_token, p) => {
      const file = this.files.get(String(p.file_id));
      if (!file) throw new ApiError(400, "Bad Request: invalid file_id");
      return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.content.length, file_path: file.file_path };
    },
  };

  private pendingUpdates(token: string, limit: number): StoredUserUpdate[] {
    return this.storage.userMessages
      .filter((u) => u.botToken === token && !u.isRead)
      .sort((a, b) => a.updateId - b.updateId)
      .slice(0, limit);
  }

  private async getUpdates(token: string, p: Record<string, unknown>, res: ServerResponse): Promise<unknown[]> {
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(Math.max(Number(p.limit ?? 100), 1), 100);
    for (const u of this.storage.userMessages) {
      if (u.botToken === token && u.updateId < offset) u.isRead = true; // confirmed by the offset
    }
    this.events.emit("poll", token);
    if (this.pendingUpdates(token, limit).length === 0 && Number(p.timeout ?? 0) > 0) {
      await this.waitForUserUpdate(Math.min(Number(p.timeout) * 1000, 10_000), res);
    }
    return this.pendingUpdates(token, limit).map((u) => formatUpdate(u));
  }

  /** Holds a long poll until a user update arrives, the bot hangs up, the emulator stops or time runs out. */
  private waitForUserUpdate(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        for (const name of USER_UPDATE_EVENTS) this.server.off(name, done);
        this.events.off("stop", done);
        res.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      for (const name of USER_UPDATE_EVENTS) this.server.on(name, done);
      this.events.on("stop", done);
      res.on("close", done);
    });
  }

  private chatId(value: unknown): number {
    const chatId = Number(value);
    if (!Number.isSafeInteger(chatId)) throw new ApiError(400, "Bad Request: chat not found");
    return chatId;
  }

  private guardChat(value: unknown): number {
    const chatId = this.chatId(value);
    if (this.blocked.has(chatId)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    return chatId;
  }

  private guardSend(value: unknown): number {
    const chatId = this.guardChat(value);
    if (this.rateLimit.count > 0) {
      this.rateLimit.count--;
      const retryAfter = this.rateLimit.retryAfter;
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    return chatId;
  }

  /** The file a sendDocument/sendPhoto carries: uploaded with it, or named by a file_id sent before. */
  private sentFile(upload: UploadedFile | undefined, fileId: unknown, caption: unknown): StoredFile {
    const file = upload ? this.storeFile(upload.fileName, upload.mimeType ?? mimeTypeOf(upload.fileName), upload.content) : this.files.get(String(fileId));
    if (!file) throw new ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified");
    this.checkCaption(caption);
    return file;
  }

  private checkCaption(caption: unknown): void {
    if ((optionalString(caption) ?? "").length > 1024) throw new ApiError(400, "Bad Request: message caption is too long");
  }

  /** Parses reply_markup and checks callback_data against Telegram's 1–64 byte limit. */
  private markup(value: unknown): Record<string, unknown> | undefined {
    const markup = json(value) as { inline_keyboard?: InlineButton[][] } | undefined;
    for (const button of markup?.inline_keyboard?.flat() ?? []) {
      const size = button.callback_data === undefined ? 1 : Buffer.byteLength(button.callback_data);
      if (size < 1 || size > 64) throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
    }
    return markup;
  }

  private addBotMessage(token: string, fields: Record<string, unknown>): Record<string, unknown> {
    const sent = this.server.addBotMessage(fields as never, token) as unknown as { message_id: number };
    this.deliveries.push({ chatId: Number(fields.chat_id), at: Date.now() });
    const update = this.findBotUpdate(sent.message_id, undefined, token);
    if (!update) throw new Error(`emulator lost message ${sent.message_id}`);
    return this.toMessage(update);
  }

  private edit(token: string, p: Record<string, unknown>, change: (m: Record<string, unknown>) => void): unknown {
    if (p.inline_message_id !== undefined) throw new ApiError(400, "Bad Request: inline messages are not emulated");
    const chatId = this.guardChat(p.chat_id);
    const update = this.findBotUpdate(Number(p.message_id), chatId, token);
    if (!update) throw new ApiError(400, "Bad Request: message to edit not found");
    const m = update.message;
    const before = JSON.stringify([m.text, m.caption, m.reply_markup]);
    change(m);
    // Telegram drops the inline keyboard when an edit does not repeat it.
    m.reply_markup = this.markup(p.reply_markup);
    if (JSON.stringify([m.text, m.caption, m.reply_markup]) === before) throw new ApiError(400, NOT_MODIFIED);
    m.edit_date = Math.floor(Date.now() / 1000);
    this.revisions.set(update.messageId, (this.revisions.get(update.messageId) ?? 0) + 1);
    return this.toMessage(update);
  }

  private commandKey(p: Record<string, unknown>): string {
    return `${JSON.stringify(json(p.scope) ?? { type: "default" })}|${optionalString(p.language_code) ?? ""}`;
  }
}

/** Starts the emulator on 127.0.0.1 on a free port with a fresh bot token. */
export async function startEmulator(): Promise<Emulator> {
  for (let attempt = 1; ; attempt++) {
    // The emulator turns port 0 into its default 9000, so find a free port first.
    const port = await freePort();
    // Keep updates and messages for 24 h like Telegram (the emulator drops them after 60 s).
    const server = new TelegramServer({ host: "127.0.0.1", port, storeTimeout: 24 * 60 * 60 });
    const emulator = new Emulator(server, randomToken());
    try {
      await server.start();
      emulator.attach();
      return emulator;
    } catch (error) {
      if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
}
