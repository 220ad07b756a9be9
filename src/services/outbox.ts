// The sender: delivers the outbox in the background, within Telegram's limits (the pacer), and
// never sends a message twice. Each message is claimed before its request and closed with the
// outcome: sent; back in the queue after a 429 (retry_after) or an error that delivered nothing
// (backing off for hours); failed when the chat is gone or Telegram refused it; uncertain when the
// request may have reached Telegram (never resent blindly). Failures and uncertain outcomes are
// listed to the secretaries in one report, split under Telegram's limits.
import type { App } from "../app.js";
import { membersWithRoles, setReachable } from "../db/members.js";
import { claim, enqueue, getSetting, markFailed, markInterrupted, markReported, markSent, requeue, unreported, waiting, type OutboxRow } from "../db/outbox.js";
import { splitMessage } from "../domain/text.js";
import { delivery as text } from "../messages/index.js";
import type { BotApi, SendFailure, SendResult } from "../telegram/botApi.js";
import { Pacer, type Reservation } from "../telegram/pacer.js";

/** The sender is paused (`npm run cli -- outbox pause`) while this setting is "1". */
export const PAUSED = "outbox.paused";
/** Retries of a message whose sends failed without delivering, backing off to 15 minutes: about 6 hours. */
const MAX_ATTEMPTS = 30;
const MAX_BACKOFF_MS = 15 * 60_000;
/** How often the sender looks at the outbox when nothing woke it. */
const IDLE_MS = 1000;

export interface Sender {
  /** Something was added to the outbox: look now. */
  wake(): void;
  /** Stops taking messages and waits for the requests under way. */
  stop(): Promise<void>;
  /** Resolves when nothing is waiting or under way (for tests and the load test). */
  idle(): Promise<void>;
}

const backoff = (attempts: number) => Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));

async function request(api: BotApi, row: OutboxRow): Promise<SendResult> {
  const chatId = Number(row.chatId);
  const replyMarkup = row.markup ? JSON.parse(row.markup) : undefined;
  if (row.format === "text") return api.sendMessage(chatId, row.text ?? "", { replyMarkup });
  const file = { filename: row.fileName ?? "tep", content: Buffer.from(row.file ?? new Uint8Array()) };
  const options = { caption: row.text ?? undefined, replyMarkup };
  return row.format === "photo" ? api.sendPhoto(chatId, file, options) : api.sendDocument(chatId, file, options);
}

/**
 * Records what Telegram answered. Retries are timed by the real clock: the app's clock says which
 * day it is for the department, and may stand still in a test.
 */
async function record(app: App, row: OutboxRow, result: SendResult): Promise<void> {
  const now = new Date();
  if (result.ok) {
    await markSent(app.db, row.id, result.messageId, app.clock());
    if (row.memberId !== null) await app.db.member.updateMany({ where: { id: row.memberId, reachable: false }, data: { reachable: true } });
    return;
  }
  const failure: SendFailure = result.failure;
  switch (failure.kind) {
    case "rate_limited":
      return requeue(app.db, row.id, new Date(now.getTime() + failure.retryAfterS * 1000), null);
    case "retryable":
      if (row.attempts >= MAX_ATTEMPTS) return markFailed(app.db, row.id, "failed", failure.reason);
      return requeue(app.db, row.id, new Date(now.getTime() + backoff(row.attempts)), failure.reason);
    case "ambiguous":
      return markFailed(app.db, row.id, "uncertain", failure.reason);
    case "unreachable":
      if (row.memberId !== null) await setReachable(app.db, row.memberId, false);
      return markFailed(app.db, row.id, "failed", failure.reason);
    case "rejected":
      return markFailed(app.db, row.id, "failed", failure.reason);
  }
}

/** The first due message of each chat with no request under way: a chat's messages go out in order. */
function sendable(rows: Awaited<ReturnType<typeof waiting>>, busy: ReadonlySet<string>) {
  const seen = new Set<string>(busy);
  return rows.filter((row) => {
    if (seen.has(row.chatId)) return false;
    seen.add(row.chatId);
    return true;
  });
}

/** Lists the failures and uncertain outcomes not yet reported to the secretaries, as outbox messages. */
export async function reportFailures(app: App): Promise<number> {
  const rows = await unreported(app.db);
  if (rows.length === 0) return 0;
  const lines = rows.map((r) => text.failureLine(r.member?.name ?? r.chatId, r.member?.unit?.name ?? null, r.kind, r.state === "uncertain", r.error ?? ""));
  const parts = splitMessage(text.failureReport(lines));
  const day = app.today();
  const secretaries = await membersWithRoles(app.db, ["secretary"]);
  await app.db.$transaction(async (tx) => {
    await enqueue(tx, secretaries.flatMap((s) => parts.map((part) => ({ kind: "report" as const, day, memberId: s.id, chatId: s.chatId, text: part }))));
    await markReported(tx, rows.map((r) => r.id), app.clock());
  });
  return rows.length;
}

/** Starts the sender over `api`. Requests left under way by a crash are marked uncertain first. */
export async function startSender(app: App, api: BotApi, pacer = new Pacer()): Promise<Sender> {
  const interrupted = await markInterrupted(app.db, text.interrupted);
  if (interrupted > 0) app.log.warn(`${interrupted} message(s) were being sent when the bot stopped: marked uncertain`);
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  // Waiters of idle(): only a look at the outbox that began after they asked may answer them.
  let idleWaiters: (() => void)[] = [];
  let askedIdle: (() => void)[] = [];
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wakeUp = undefined;
      resolve();
    }
    wakeUp = done;
  });

  /** Sends one message in the slot the pacer reserved for it; true when it went out. */
  const send = async (id: number, reservation: Reservation): Promise<boolean> => {
    const row = await claim(app.db, id).catch((e: unknown) => {
      pacer.release(reservation);
      throw e;
    });
    if (!row) {
      pacer.release(reservation);
      return false;
    }
    try {
      const result = await request(api, row);
      if (!result.ok && result.failure.kind === "rate_limited") pacer.pauseFor(result.failure.retryAfterS);
      await record(app, row, result);
      return result.ok;
    } catch (e) {
      // Our own bug, not Telegram's answer: the request may have gone out.
      await markFailed(app.db, row.id, "uncertain", (e as Error).message);
      app.log.error(`message ${row.id} not sent`, e);
      return false;
    } finally {
      pacer.release(reservation);
    }
  };

  // The due messages last read from the outbox and not yet taken: one read serves the sends of a
  // second rather than one each. It is read again when used up, after IDLE_MS, when woken by new
  // messages or asked whether idle, and after a send that did not go out (a retry holds its chat's
  // later messages; another sender may have taken it).
  let page: Awaited<ReturnType<typeof waiting>> = [];
  let readAt = 0;
  let stale = true;
  const lookAgain = () => {
    stale = true;
    wakeUp?.();
  };

  const loop = async () => {
    while (!stopped) {
      if (askedIdle.length > 0) {
        idleWaiters.push(...askedIdle);
        askedIdle = [];
        stale = true;
      }
      if (stale || page.length === 0 || Date.now() - readAt >= IDLE_MS) {
        stale = false;
        readAt = Date.now();
        page = [];
        if ((await getSetting(app.db, PAUSED)) === "1") {
          await sleep(IDLE_MS);
          continue;
        }
        page = await waiting(app.db, new Date());
      }
      const due = sendable(page, busy);
      if (due.length === 0) {
        // An empty page was just read: nothing is due, and with nothing under way the sender is idle.
        if (running.size === 0 && page.length === 0) {
          if ((await reportFailures(app)) > 0) continue;
          for (const resolve of idleWaiters) resolve();
          idleWaiters = [];
        }
        await sleep(IDLE_MS);
        continue;
      }
      const pick = pacer.pick(due, (r) => Number(r.chatId));
      if (pick.item === undefined) {
        await Promise.race([pacer.waitForChance(Math.min(pick.waitMs, IDLE_MS)), sleep(IDLE_MS)]);
        continue;
      }
      const { chatId, id } = pick.item;
      busy.add(chatId);
      const job = send(id, pick.reservation)
        .catch((e: unknown) => {
          app.log.error(`message ${id} not claimed`, e);
          return false;
        })
        .then((sent) => {
          // Its chat was busy meanwhile; a page read while the request was under way may hold it still.
          page = page.filter((r) => r.id !== id);
          if (!sent) stale = true;
          busy.delete(chatId);
          running.delete(job);
          wakeUp?.();
        });
      running.add(job);
    }
  };
  const done = loop().catch((e: unknown) => app.log.error("the sender stopped", e));

  return {
    wake: lookAgain,
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
      await Promise.all(running);
    },
    idle: () => new Promise<void>((resolve) => {
      askedIdle.push(resolve);
      wakeUp?.();
    }),
  };
}
