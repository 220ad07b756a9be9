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
  // One statement for an update that may be handled (nearly all of them): Prisma's upsert cannot
  // make its update conditional, so it is written out, in SQL that PostgreSQL reads too.
  const admitted = await db.$queryRaw<{ attempts: number }[]>`
    INSERT INTO "ProcessedUpdate" ("updateId", "attempts", "state", "updatedAt") VALUES (${updateId}, 1, 'processing', ${at})
    ON CONFLICT ("updateId") DO UPDATE SET "attempts" = "ProcessedUpdate"."attempts" + 1, "state" = 'processing', "updatedAt" = excluded."updatedAt"
    WHERE "ProcessedUpdate"."state" IN ('processing', 'failed') AND "ProcessedUpdate"."attempts" < ${MAX_ATTEMPTS}
    RETURNING "attempts"`;
  if (admitted[0]) return { handle: true, attempt: Number(admitted[0].attempts) };
  // Done or dropped already, or out of attempts: only the last is dropped now.
  const dropped = await db.processedUpdate.updateMany({ where: { updateId, state: { in: ["processing", "failed"] } }, data: { state: "dropped", updatedAt: at } });
  return { handle: false, drop: dropped.count > 0 };
}

export async function finishUpdate(db: Db, updateId: number, state: Exclude<UpdateState, "processing">, at: Date): Promise<void> {
  await db.processedUpdate.update({ where: { updateId }, data: { state, updatedAt: at } });
}

/** Forgets updates older than a week: Telegram redelivers within a day. */
export async function pruneProcessedUpdates(db: Db, now: Date): Promise<number> {
  const { count } = await db.processedUpdate.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
