// src/telegram/: the bot's own Bot API transport for the messages it starts itself (reminders,
// digests, notices) and the pacer that keeps them within Telegram's limits. Services reach
// Telegram through the BotApi interface only, never through telegraf's types.
//
// Each call ends in a classified result, so the caller knows whether a resend is safe: the body is
// written only after the server's `100 Continue` (RFC 9110), so a failure before that point cannot
// have delivered anything.
import { randomBytes } from "node:crypto";
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}

export interface MessageOptions {
  replyMarkup?: InlineKeyboard;
  parseMode?: "HTML" | "MarkdownV2";
  replyToMessageId?: number;
  disableNotification?: boolean;
}

export interface FileOptions extends MessageOptions {
  caption?: string;
}

export interface FileUpload {
  filename: string;
  content: Buffer;
}

/**
 * - rate_limited: 429; wait retryAfterS (the pacer's pauseFor) and send again.
 * - retryable: nothing was delivered (5xx but 504, refused or reset before the body, DNS, connect timeout).
 * - ambiguous: Telegram may have delivered it (reset or timeout after the body, 504): never resend blindly.
 * - unreachable: the chat cannot get messages (403, chat not found).
 * - rejected: Telegram refused the request itself (other 4xx); reason is its description.
 */
export type SendFailure =
  | { kind: "rate_limited"; retryAfterS: number }
  | { kind: "retryable"; reason: string }
  | { kind: "ambiguous"; reason: string }
  | { kind: "unreachable"; reason: string }
  | { kind: "rejected"; reason: string };

export type SendResult = { ok: true; messageId: number } | { ok: false; failure: SendFailure };

export interface BotApi {
  sendMessage(chatId: number, text: string, options?: MessageOptions): Promise<SendResult>;
  sendDocument(chatId: number, file: FileUpload, options?: FileOptions): Promise<SendResult>;
  sendPhoto(chatId: number, photo: FileUpload, options?: FileOptions): Promise<SendResult>;
  /** Replaces (or with no keyboard removes) a message's buttons; messageId is the edited message's. */
  editMessageReplyMarkup(chatId: number, messageId: number, replyMarkup?: InlineKeyboard): Promise<SendResult>;
}

export interface BotApiOptions {
  apiRoot: string;
  token: string;
  /** Whole request, connect to answer. Default 5000. */
  requestTimeoutMs?: number;
  /** How long to wait for `100 Continue` before sending the body anyway (RFC 9110). Default 1000. */
  continueTimeoutMs?: number;
}

interface Body {
  type: string;
  data: Buffer;
}

/** Error codes where the connection never reached the server: nothing can have been delivered. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function jsonBody(params: Record<string, unknown>): Body {
  return { type: "application/json", data: Buffer.from(JSON.stringify(params)) };
}

function multipartBody(params: Record<string, unknown>, field: string, file: FileUpload): Body {
  const boundary = `----giaoban${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${text}\r\n`));
  }
  const filename = encodeURIComponent(file.filename);
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"; filename*=UTF-8''${filename}\r\n`
    + "Content-Type: application/octet-stream\r\n\r\n"), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, data: Buffer.concat(parts) };
}

function messageParams(chatId: number, options: FileOptions = {}): Record<string, unknown> {
  return {
    chat_id: chatId,
    caption: options.caption,
    parse_mode: options.parseMode,
    reply_markup: options.replyMarkup,
    reply_to_message_id: options.replyToMessageId,
    disable_notification: options.disableNotification,
  };
}

/** Telegram's answer (status and JSON) to a classified result. */
function classifyAnswer(status: number, text: string, fallbackMessageId?: number): SendResult {
  let answer: { ok?: boolean; result?: { message_id?: number } | true; description?: string; parameters?: { retry_after?: number } };
  try {
    answer = JSON.parse(text);
  } catch {
    // An answer we cannot read: whether the message went out is unknown.
    return { ok: false, failure: { kind: "ambiguous", reason: `HTTP ${status} with an unreadable body` } };
  }
  const description = answer.description ?? `HTTP ${status}`;
  if (status === 200 && answer.ok) {
    const messageId = answer.result === true ? fallbackMessageId : answer.result?.message_id;
    if (messageId !== undefined) return { ok: true, messageId };
    return { ok: false, failure: { kind: "ambiguous", reason: "answer without a message id" } };
  }
  if (status === 429) return { ok: false, failure: { kind: "rate_limited", retryAfterS: answer.parameters?.retry_after ?? 1 } };
  if (status === 504) return { ok: false, failure: { kind: "ambiguous", reason: description } };
  if (status >= 500) return { ok: false, failure: { kind: "retryable", reason: description } };
  if (status === 403 || /chat not found/i.test(description)) return { ok: false, failure: { kind: "unreachable", reason: description } };
  return { ok: false, failure: { kind: "rejected", reason: description } };
}

export function createBotApi(options: BotApiOptions): BotApi {
  const { token } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const continueTimeoutMs = options.continueTimeoutMs ?? 1000;
  const base = new URL(options.apiRoot.replace(/\/+$/, ""));
  const request = base.protocol === "https:" ? httpsRequest : httpRequest;
  // Error texts from Node never carry the path, but a reason must never carry the token either.
  const clean = (text: string) => text.split(token).join("***");

  function call(method: string, body: Body, fallbackMessageId?: number): Promise<SendResult> {
    return new Promise((resolve) => {
      let bodyWritten = false;
      let connected = false;
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearTimeout(noContinue);
        // A final answer before the body (e.g. 401 instead of 100): the request can never complete.
        if (!bodyWritten) req.destroy();
        if (!result.ok && "reason" in result.failure) result.failure.reason = clean(result.failure.reason);
        resolve(result);
      };
      const failure = (kind: "retryable" | "ambiguous", reason: string) => finish({ ok: false, failure: { kind, reason } });
      const req: ClientRequest = request(new URL(`${base.pathname.replace(/\/$/, "")}/bot${token}/${method}`, base), {
        method: "POST",
        headers: { "content-type": body.type, "content-length": body.data.length, expect: "100-continue" },
      });
      const writeBody = () => {
        if (bodyWritten || settled) return;
        bodyWritten = true;
        req.end(body.data);
      };
      const noContinue = setTimeout(writeBody, continueTimeoutMs);
      const deadline = setTimeout(() => {
        req.destroy();
        if (!connected) failure("retryable", `no connection within ${requestTimeoutMs} ms`);
        else if (!bodyWritten) failure("retryable", `no 100 Continue within ${requestTimeoutMs} ms; the body was not sent`);
        else failure("ambiguous", `no answer within ${requestTimeoutMs} ms after the request was sent`);
      }, requestTimeoutMs);
      req.on("socket", (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once("connect", () => (connected = true));
      });
      req.on("continue", writeBody);
      req.on("response", (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => finish(classifyAnswer(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"), fallbackMessageId)));
        res.on("error", (e) => failure("ambiguous", `answer cut off: ${e.message}`));
      });
      req.on("error", (e: NodeJS.ErrnoException) => {
        const code = e.code ?? "";
        if (NOT_CONNECTED.has(code) || !bodyWritten) failure("retryable", `${code || e.message} before the request was sent`);
        else failure("ambiguous", `${code || e.message} after the request was sent`);
      });
    });
  }

  return {
    sendMessage: (chatId, text, opts = {}) => call("sendMessage", jsonBody({ ...messageParams(chatId, opts), text })),
    sendDocument: (chatId, file, opts = {}) => call("sendDocument", multipartBody(messageParams(chatId, opts), "document", file)),
    sendPhoto: (chatId, photo, opts = {}) => call("sendPhoto", multipartBody(messageParams(chatId, opts), "photo", photo)),
    editMessageReplyMarkup: (chatId, messageId, replyMarkup) =>
      call("editMessageReplyMarkup", jsonBody({ chat_id: chatId, message_id: messageId, reply_markup: replyMarkup }), messageId),
  };
}
