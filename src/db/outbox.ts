// The outbox's rows: written with the decision to send (in the caller's transaction), claimed by
// the sender before each request, and closed with the outcome Telegram gave.
import type { Prisma } from "../generated/prisma/client.js";
import type { DeliveryFormat, DeliveryKind, ReminderReason } from "../generated/prisma/enums.js";
import { chunks } from "./batches.js";
import { insertRows } from "./insert.js";
import type { Db } from "./client.js";

type Tx = Db | Prisma.TransactionClient;

/** A message to send: what a service decides, the sender delivers. */
export interface Outgoing {
  kind: DeliveryKind;
  day: string;
  /** Names a message that must go out once; a message whose key is already in the outbox is skipped. */
  key?: string;
  memberId: number | null;
  chatId: string;
  format?: DeliveryFormat;
  text?: string;
  markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  file?: { name: string; content: Buffer };
  /** The parts a reminder numbers, for replies by number. */
  items?: { partId: number; number: number; reason: ReminderReason }[];
}

/** Which of `keys` the outbox already holds. */
async function existingKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks(keys)) {
    const rows = await tx.delivery.findMany({ where: { key: { in: batch } }, select: { key: true } });
    for (const r of rows) if (r.key) found.add(r.key);
  }
  return found;
}

/**
 * Adds messages to the outbox in a few multi-row statements (createMany held the event loop 40–60 ms
 * for each hundred); messages whose key is already there (sent, or waiting) are left out. Returns
 * the messages added.
 */
export async function enqueue(tx: Tx, messages: Outgoing[]): Promise<Outgoing[]> {
  const taken = await existingKeys(tx, messages.flatMap((m) => (m.key ? [m.key] : [])));
  const fresh = messages.filter((m) => {
    if (!m.key) return true;
    if (taken.has(m.key)) return false;
    taken.add(m.key);
    return true;
  });
  const createdAt = new Date();
  const rows = await insertRows<{ id: bigint; chatId: string }>(tx, "Delivery", fresh.map((m) => ({
    kind: m.kind, day: m.day, key: m.key ?? null, memberId: m.memberId, chatId: m.chatId, format: m.format ?? (m.file ? "document" : "text"),
    text: m.text ?? null, markup: m.markup ? JSON.stringify(m.markup) : null, fileName: m.file?.name ?? null, file: m.file ? new Uint8Array(m.file.content) : null,
    state: "queued", attempts: 0, createdAt,
  })), { returning: ["id", "chatId"] });
  // The transaction holds the write lock, and SQLite numbers the rows of an INSERT in the order of
  // its VALUES: by id, the rows are the messages in order. Checked, so that a numbered part never
  // lands on another message.
  const ids = rows.sort((a, b) => Number(a.id - b.id)).map((r, i) => {
    if (r.chatId !== fresh[i]!.chatId) throw new Error("enqueue: the new messages came back out of order");
    return Number(r.id);
  });
  await insertRows(tx, "DeliveryItem", fresh.flatMap((m, i) => (m.items ?? []).map((item) => ({ ...item, deliveryId: ids[i]!, day: m.day }))));
  return fresh;
}

/**
 * Adds messages in their own transaction. Two writers of the same keys at once (the schedule and a
 * /remind) collide on the unique key: the loser tries again and finds them written.
 */
export async function enqueueOnce(db: Db, messages: Outgoing[]): Promise<Outgoing[]> {
  try {
    return await db.$transaction((tx) => enqueue(tx, messages));
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    return db.$transaction((tx) => enqueue(tx, messages));
  }
}

export type OutboxRow = Prisma.DeliveryGetPayload<object>;

/**
 * The oldest messages due now, a page of them, less those behind an earlier message of their chat
 * that waits for a retry: a chat's messages go out in order. Due rows are read first, so a
 * thousand messages backing off never hide one that may go.
 */
export async function waiting(db: Db, now: Date, take = 200): Promise<{ id: number; chatId: string }[]> {
  const due = await db.delivery.findMany({
    where: { state: "queued", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    orderBy: { id: "asc" }, take, select: { id: true, chatId: true },
  });
  if (due.length === 0) return due;
  const held = await db.delivery.groupBy({
    by: ["chatId"], where: { state: "queued", nextAttemptAt: { gt: now }, chatId: { in: [...new Set(due.map((d) => d.chatId))] } }, _min: { id: true },
  });
  const firstHeld = new Map(held.map((h) => [h.chatId, h._min.id!]));
  return due.filter((d) => d.id < (firstHeld.get(d.chatId) ?? Infinity));
}

/** Claims a waiting message for one request; null when another sender took it or it is no longer waiting. */
export async function claim(db: Db, id: number): Promise<OutboxRow | null> {
  const taken = await db.delivery.updateMany({ where: { id, state: "queued" }, data: { state: "sending", attempts: { increment: 1 } } });
  return taken.count === 1 ? db.delivery.findUnique({ where: { id } }) : null;
}

export async function markSent(db: Db, id: number, messageId: number, at: Date): Promise<void> {
  await db.delivery.update({ where: { id }, data: { state: "sent", messageId, sentAt: at, error: null } });
}

/** Back in the queue, not before `at` (a 429's retry_after, or the next try after an error). */
export async function requeue(db: Db, id: number, at: Date, error: string | null): Promise<void> {
  await db.delivery.update({ where: { id }, data: { state: "queued", nextAttemptAt: at, error } });
}

export async function markFailed(db: Db, id: number, state: "failed" | "uncertain", error: string): Promise<void> {
  await db.delivery.update({ where: { id }, data: { state, error: error.slice(0, 500) } });
}

/** After a crash: requests that were under way may have reached Telegram. */
export async function markInterrupted(db: Db, error: string): Promise<number> {
  return (await db.delivery.updateMany({ where: { state: "sending" }, data: { state: "uncertain", error } })).count;
}

/** Failures and uncertain outcomes not yet listed to the secretaries (reports themselves excluded). */
export function unreported(db: Db) {
  return db.delivery.findMany({
    where: { state: { in: ["failed", "uncertain"] }, reportedAt: null, kind: { not: "report" } },
    include: { member: { include: { unit: true } } },
    orderBy: { id: "asc" },
    take: 500,
  });
}

export async function markReported(tx: Tx, ids: number[], at: Date): Promise<void> {
  for (const batch of chunks(ids)) await tx.delivery.updateMany({ where: { id: { in: batch } }, data: { reportedAt: at } });
}

/** A failed or uncertain message the operator sends again (the CLI's `outbox retry`). */
export async function retry(db: Db, id: number): Promise<boolean> {
  return (await db.delivery.updateMany({ where: { id, state: { in: ["failed", "uncertain"] } }, data: { state: "queued", nextAttemptAt: null, reportedAt: null } })).count === 1;
}

export async function getSetting(db: Db, key: string): Promise<string | null> {
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
