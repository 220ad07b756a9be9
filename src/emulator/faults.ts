// Fault injection and delivery measurements for the emulator: a seeded plan decides, call by call,
// whether a sendMessage/sendDocument/sendPhoto answers normally or fails the way Telegram and the
// network do; a log of when each bot message was stored measures the pace the bot kept.

/**
 * - rate_limit: 429 with retry_after; server_error: 500.
 * - reset_before: the connection is destroyed before the message is stored (nothing delivered).
 * - reset_after: the message is stored, then the connection is destroyed without an answer.
 * - hang_stored / hang_unstored: the request is never answered, with or without storing the message.
 */
export const FAULT_KINDS = ["rate_limit", "server_error", "reset_before", "reset_after", "hang_stored", "hang_unstored"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultPlanOptions {
  /** Seed of the pseudo-random choice by fraction: the same seed gives the same faults. */
  seed?: number;
  /** Share of calls (0–1) given each fault, drawn independently of explicit call numbers. */
  fractions?: Partial<Record<FaultKind, number>>;
  /** 1-based call number (counted over the methods below) → fault; wins over fractions. */
  calls?: Record<number, FaultKind>;
  /** retry_after of a rate_limit answer, in seconds. */
  retryAfterS?: number;
  /** Bot API methods the plan counts, lower case. */
  methods?: string[];
}

/** mulberry32: a small deterministic generator, enough to spread faults reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  readonly retryAfterS: number;
  /** What happened to each counted call, in order (undefined: answered normally). */
  readonly history: (FaultKind | undefined)[] = [];
  private readonly random: () => number;
  private readonly methods: Set<string>;

  constructor(private readonly options: FaultPlanOptions = {}) {
    this.random = seeded(options.seed ?? 1);
    this.retryAfterS = options.retryAfterS ?? 1;
    this.methods = new Set(options.methods ?? ["sendmessage", "senddocument", "sendphoto"]);
  }

  /** The fault for the next call of `method`, counting it; undefined when the method is not counted or the call is spared. */
  next(method: string): FaultKind | undefined {
    if (!this.methods.has(method.toLowerCase())) return undefined;
    const n = this.history.length + 1;
    const draw = this.random();
    let fault = this.options.calls?.[n];
    if (fault === undefined) {
      let edge = 0;
      for (const kind of FAULT_KINDS) {
        edge += this.options.fractions?.[kind] ?? 0;
        if (draw < edge) {
          fault = kind;
          break;
        }
      }
    }
    this.history.push(fault);
    return fault;
  }
}

/** One bot message as the emulator stored it. */
export interface Delivery {
  chatId: number;
  at: number;
}

/** The most timestamps inside any window [t, t + windowMs). `times` need not be sorted. */
export function peakInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

export interface DeliveryStats {
  total: number;
  perChat: Map<number, number>;
  /** Most messages stored in any sliding second, all chats together. */
  peakPerSecond: number;
  /** Most messages one chat got in any sliding second. */
  maxPerChatPerSecond: number;
  /** Most messages one group (negative chat id) got in any sliding minute. */
  maxPerGroupPerMinute: number;
}

export function deliveryStats(deliveries: Delivery[]): DeliveryStats {
  const byChat = new Map<number, number[]>();
  for (const d of deliveries) byChat.set(d.chatId, [...(byChat.get(d.chatId) ?? []), d.at]);
  const chats = [...byChat.entries()];
  return {
    total: deliveries.length,
    perChat: new Map(chats.map(([chat, times]) => [chat, times.length])),
    peakPerSecond: peakInWindow(deliveries.map((d) => d.at), 1000),
    maxPerChatPerSecond: Math.max(0, ...chats.map(([, times]) => peakInWindow(times, 1000))),
    maxPerGroupPerMinute: Math.max(0, ...chats.filter(([chat]) => chat < 0).map(([, times]) => peakInWindow(times, 60_000))),
  };
}
