// Which Telegram updates the bot has taken up, so each is handled once (see ProcessedUpdate).
import type { UpdateState } from "../generated/prisma/enums.js";
import type { Db } from "./client.js";

export const MAX_ATTEMPTS = 3;
const KEEP_MS = 7 * 24 * 3_600_000;

/** What to do with an update that has just arrived. */
export type Admission = { handle: true; attempt: number } | { handle: false; drop: boolean };

/**
 * Records that handling of `updateId` begins. An update already done or dropped is skipped; one
 * found "processing" crashed mid-way and counts as a failed attempt; after MAX_ATTEMPTS it is dropped.
 */
export async function admitUpdate(db: Db, updateId: number, at: Date): Promise<Admission> {
  return db.$transaction(async (tx) => {
    const row = await tx.processedUpdate.findUnique({ where: { updateId } });
    if (row && (row.state === "done" || row.state === "dropped")) return { handle: false, drop: false };
    const attempt = (row?.attempts ?? 0) + 1;
    if (attempt > MAX_ATTEMPTS) {
      await tx.processedUpdate.update({ where: { updateId }, data: { state: "dropped", updatedAt: at } });
      return { handle: false, drop: true };
    }
    await tx.processedUpdate.upsert({
      where: { updateId },
      create: { updateId, attempts: attempt, state: "processing", updatedAt: at },
      update: { attempts: attempt, state: "processing", updatedAt: at },
    });
    return { handle: true, attempt };
  });
}

export async function finishUpdate(db: Db, updateId: number, state: Exclude<UpdateState, "processing">, at: Date): Promise<void> {
  await db.processedUpdate.update({ where: { updateId }, data: { state, updatedAt: at } });
}

/** Forgets updates older than a week: Telegram redelivers within a day. */
export async function pruneProcessedUpdates(db: Db, now: Date): Promise<number> {
  const { count } = await db.processedUpdate.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
