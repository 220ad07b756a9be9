// Sending a message the bot starts itself (not an answer): a chat that refuses it marks the
// member unreachable instead of being retried forever; Telegram's flood limit is waited out once.
import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import { setReachable } from "../db/members.js";

type Extra = Parameters<Telegram["sendMessage"]>[2];
export type SendResult = { ok: true; messageId: number } | { ok: false; unreachable: boolean; error: string };

interface Recipient {
  id: number;
  chatId: string;
  reachable: boolean;
}

const MAX_RETRY_AFTER_S = 60;

function telegramError(e: unknown): { code?: number; retryAfter?: number; description: string } {
  const err = e as { code?: number; response?: { parameters?: { retry_after?: number }; description?: string }; message?: string };
  return { code: err.code, retryAfter: err.response?.parameters?.retry_after, description: err.response?.description ?? err.message ?? String(e) };
}

export async function sendTo(app: App, telegram: Telegram, to: Recipient, text: string, extra?: Extra, retried = false): Promise<SendResult> {
  try {
    const message = await telegram.sendMessage(to.chatId, text, extra);
    if (!to.reachable) await setReachable(app.db, to.id, true);
    return { ok: true, messageId: message.message_id };
  } catch (e) {
    const err = telegramError(e);
    if (err.code === 429 && !retried && (err.retryAfter ?? 0) <= MAX_RETRY_AFTER_S) {
      await new Promise((r) => setTimeout(r, (err.retryAfter ?? 1) * 1000));
      return sendTo(app, telegram, to, text, extra, true);
    }
    // 403: blocked by the user or never started; 400 "chat not found": the chat is gone.
    const unreachable = err.code === 403 || (err.code === 400 && /chat not found/i.test(err.description));
    if (unreachable) await setReachable(app.db, to.id, false);
    app.log.warn(`message to member ${to.id} not delivered: ${err.description}`);
    return { ok: false, unreachable, error: err.description };
  }
}
