// Keeps the bot's own sends within Telegram's limits (Bot API FAQ: ~30 messages a second overall,
// ~1 a second to one chat, 20 a minute to one group) and honours a 429's retry_after for every chat.
// The rules are plain bookkeeping over an injected clock, so they are tested without waiting;
// `acquire` and `pacedBotApi` are the waiting side. Sliding windows and per-chat spacing are a few
// lines here, where a queue library (p-queue, bottleneck) would give one global window only.
import type { BotApi, SendResult } from "./botApi.js";

export interface PacerLimits {
  /** Sends started in any sliding second, all chats together. */
  perSecond: number;
  /** Gap between two sends to one private chat (positive chat id). */
  privateGapMs: number;
  /** Sends to one group (negative chat id) in any sliding minute. */
  groupPerMinute: number;
  /** Requests in flight at once. */
  maxInFlight: number;
}

export const DEFAULT_LIMITS: PacerLimits = { perSecond: 28, privateGapMs: 1000, groupPerMinute: 20, maxInFlight: 4 };

/** A send slot taken by `reserve`; give it back with `release` when the request has ended. */
export interface Reservation {
  readonly chatId: number;
  readonly at: number;
  /** When the request ended; until then the message may reach Telegram at any moment. */
  endedAt?: number;
}

export type Pick<T> = { item: T; reservation: Reservation } | { item: undefined; waitMs: number };

const SECOND = 1000;
const MINUTE = 60_000;

/**
 * A message reaches Telegram somewhere between the start and the end of its request, so a send
 * counts in a window until its end, and while in flight it counts as arriving now.
 */
const countsUntil = (r: Reservation): number => r.endedAt ?? Infinity;

/** How long until fewer than `limit` of `sends` count in a window of `windowMs` (Infinity: until a release). */
function windowWait(sends: Reservation[], limit: number, windowMs: number, now: number): number {
  const inWindow = sends.map(countsUntil).filter((t) => t > now - windowMs).sort((a, b) => a - b);
  return inWindow.length < limit ? 0 : inWindow[inWindow.length - limit]! + windowMs - now;
}

export class Pacer {
  readonly limits: PacerLimits;
  private recent: Reservation[] = [];
  private readonly lastPrivate = new Map<number, Reservation>();
  private readonly groupSends = new Map<number, Reservation[]>();
  private inFlight = 0;
  private pausedUntil = 0;
  private lastPrune = 0;
  private readonly releaseWaiters = new Set<() => void>();

  constructor(limits: Partial<PacerLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /**
   * Milliseconds until a send to `chatId` is allowed: 0 now, Infinity until a request in flight
   * ends (all slots taken, or this private chat's previous message is still on its way).
   */
  delayFor(chatId: number): number {
    const now = this.now();
    if (this.inFlight >= this.limits.maxInFlight) return Infinity;
    this.recent = this.recent.filter((r) => countsUntil(r) > now - SECOND);
    const waits = [this.pausedUntil - now, windowWait(this.recent, this.limits.perSecond, SECOND, now)];
    if (chatId < 0) {
      waits.push(windowWait(this.groupSends.get(chatId) ?? [], this.limits.groupPerMinute, MINUTE, now));
    } else {
      const last = this.lastPrivate.get(chatId);
      if (last !== undefined) waits.push(countsUntil(last) + this.limits.privateGapMs - now);
    }
    return Math.max(0, ...waits);
  }

  /** Takes a slot for a send to `chatId` now; only when `delayFor(chatId)` is 0. */
  reserve(chatId: number): Reservation {
    if (this.delayFor(chatId) > 0) throw new Error(`send to chat ${chatId} is not allowed yet`);
    const reservation: Reservation = { chatId, at: this.now() };
    this.prune(reservation.at);
    this.recent.push(reservation);
    if (chatId < 0) this.groupSends.set(chatId, [...(this.groupSends.get(chatId) ?? []), reservation]);
    else this.lastPrivate.set(chatId, reservation);
    this.inFlight++;
    return reservation;
  }

  /** The request of this reservation has ended (answered, failed or timed out). */
  release(reservation: Reservation): void {
    if (reservation.endedAt !== undefined) return;
    reservation.endedAt = this.now();
    this.inFlight--;
    for (const wake of this.releaseWaiters) wake();
  }

  /**
   * For the outbox dispatcher: the first candidate whose chat may be sent to now, reserved; else
   * how long until one may (Infinity: until a release; `waitForChance` wakes on both).
   */
  pick<T>(candidates: readonly T[], chatOf: (item: T) => number): Pick<T> {
    let waitMs = Infinity;
    for (const item of candidates) {
      const delay = this.delayFor(chatOf(item));
      if (delay === 0) return { item, reservation: this.reserve(chatOf(item)) };
      waitMs = Math.min(waitMs, delay);
    }
    return { item: undefined, waitMs };
  }

  /** Telegram answered 429: no send to any chat for `seconds`. */
  pauseFor(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * SECOND);
  }

  /** Resolves after `ms`, or earlier when a slot is released or `signal` aborts. */
  waitForChance(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.releaseWaiters.delete(wake);
        signal?.removeEventListener("abort", wake);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(wake, ms) : undefined;
      this.releaseWaiters.add(wake);
      signal?.addEventListener("abort", wake, { once: true });
    });
  }

  /**
   * Waits until a send to `chatId` is allowed and reserves it. An abort of `signal` ends the wait
   * (a 429's retry_after may be many minutes) by throwing its reason.
   */
  async acquire(chatId: number, signal?: AbortSignal): Promise<Reservation> {
    for (let delay = this.delayFor(chatId); delay > 0; delay = this.delayFor(chatId)) {
      signal?.throwIfAborted();
      await this.waitForChance(delay, signal);
    }
    signal?.throwIfAborted();
    return this.reserve(chatId);
  }

  /** Forgets chats not sent to for a minute, at most once a minute (the maps would grow forever). */
  private prune(now: number): void {
    if (now - this.lastPrune < MINUTE) return;
    this.lastPrune = now;
    for (const [chat, last] of this.lastPrivate) if (countsUntil(last) <= now - MINUTE) this.lastPrivate.delete(chat);
    for (const [chat, sends] of this.groupSends) {
      const kept = sends.filter((r) => countsUntil(r) > now - MINUTE);
      if (kept.length) this.groupSends.set(chat, kept);
      else this.groupSends.delete(chat);
    }
  }
}

/**
 * The same BotApi, paced: every call waits for its slot, and a 429 pauses every chat for its
 * retry_after, then the call is made again (a 429 delivered nothing), up to `rateLimitRetries`
 * times. Other failures are returned.
 */
export function pacedBotApi(api: BotApi, pacer: Pacer, rateLimitRetries = 3): BotApi {
  const paced = async (chatId: number, send: () => Promise<SendResult>): Promise<SendResult> => {
    for (let attempt = 0; ; attempt++) {
      const reservation = await pacer.acquire(chatId);
      const result = await send().finally(() => pacer.release(reservation));
      if (result.ok || result.failure.kind !== "rate_limited") return result;
      pacer.pauseFor(result.failure.retryAfterS);
      if (attempt >= rateLimitRetries) return result;
    }
  };
  return {
    sendMessage: (chatId, text, options) => paced(chatId, () => api.sendMessage(chatId, text, options)),
    sendDocument: (chatId, file, options) => paced(chatId, () => api.sendDocument(chatId, file, options)),
    sendPhoto: (chatId, photo, options) => paced(chatId, () => api.sendPhoto(chatId, photo, options)),
    editMessageReplyMarkup: (chatId, messageId, markup) => paced(chatId, () => api.editMessageReplyMarkup(chatId, messageId, markup)),
  };
}
