import { createHash } from "node:crypto";
import { lastDayOfMonth } from "../domain/calendar.js";
import { OPEN_STATUSES, type ParsedNotice } from "../domain/types.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./client.js";
import { findTasks } from "./tasks.js";

export function noticeHash(text: string): string {
  return createHash("sha256").update(text.normalize("NFC").replace(/\s+/g, " ").trim()).digest("hex");
}

export function findBriefing(db: Db | Prisma.TransactionClient, month: string) {
  return db.briefing.findUnique({ where: { month } });
}

export function latestBriefing(db: Db, upTo?: string) {
  return db.briefing.findFirst({ where: upTo ? { month: { lte: upTo } } : {}, orderBy: { month: "desc" } });
}

export type ImportCheck =
  | { ok: true }
  | { ok: false; reason: "same_notice" | "month_has_notice"; month: string; noticeNumber: string | null };

/** A notice may be stored once, and a month has one notice (tasks added by hand do not count). */
export async function checkImport(db: Db | Prisma.TransactionClient, month: string, sourceHash: string): Promise<ImportCheck> {
  const same = await db.briefing.findUnique({ where: { sourceHash } });
  if (same) return { ok: false, reason: "same_notice", month: same.month, noticeNumber: same.noticeNumber };
  const existing = await findBriefing(db, month);
  if (existing?.sourceHash) return { ok: false, reason: "month_has_notice", month, noticeNumber: existing.noticeNumber };
  return { ok: true };
}

/** Unfinished tasks of earlier cycles: what the next import offers to carry over. */
export function carryOverCandidates(db: Db | Prisma.TransactionClient, month: string) {
  return findTasks(db, { status: { in: OPEN_STATUSES }, briefing: { month: { lt: month } } });
}

export interface StoreNoticeInput {
  parsed: ParsedNotice & { notice: { month: string } };
  sourceHash: string;
  memberId: number | null;
  carryOver: boolean;
  /** When the import happened, by the app's clock: the time stamp of the history it writes. */
  at: Date;
}

/** Thrown by storeNotice when the notice, or another one for its month, is already stored. */
export class ImportConflict extends Error {
  constructor(readonly check: Extract<ImportCheck, { ok: false }>) {
    super(`import refused: ${check.reason} (${check.month})`);
  }
}

/**
 * Stores a parsed notice as the month's briefing and its tasks, in one transaction. The import
 * check and the carry-over candidates are read inside it, so two confirmations of the same
 * preview (a double tap, the CLI and the bot at once) cannot store the notice twice.
 */
export async function storeNotice(db: Db, input: StoreNoticeInput) {
  const { notice, tasks } = input.parsed;
  return db.$transaction(async (tx) => {
    const check = await checkImport(tx, notice.month, input.sourceHash);
    if (!check.ok) throw new ImportConflict(check);
    const candidates = input.carryOver ? await carryOverCandidates(tx, notice.month) : [];
    const units = new Map((await tx.unit.findMany()).map((u) => [u.code, u.id]));
    const fields = { meetingOn: notice.meetingOn, noticeNumber: notice.number, noticeIssuedOn: notice.issuedOn, sourceHash: input.sourceHash };
    const briefing = await tx.briefing.upsert({ where: { month: notice.month }, create: { month: notice.month, ...fields }, update: fields });
    let created = 0;
    for (const [position, task] of tasks.entries()) {
      for (const code of task.units) {
        const unitId = units.get(code);
        if (unitId === undefined) throw new Error(`Unknown unit ${code}`);
        const row = await tx.task.create({
          data: { briefingId: briefing.id, unitId, position, content: task.content, deadline: task.deadline, deadlineStated: task.deadlineStated },
        });
        await tx.statusUpdate.create({ data: { taskId: row.id, memberId: input.memberId, kind: "created", status: "open", createdAt: input.at } });
        created++;
      }
    }
    for (const old of candidates) {
      // A stated deadline stays (it may already be overdue); a defaulted one moves to the new cycle.
      const deadline = old.deadlineStated ? old.deadline : lastDayOfMonth(notice.month);
      const row = await tx.task.create({
        data: {
          briefingId: briefing.id, unitId: old.unitId, position: tasks.length + old.position, content: old.content,
          deadline, deadlineStated: old.deadlineStated, status: old.status, note: old.note, carriedFromId: old.id,
        },
      });
      await tx.statusUpdate.create({ data: { taskId: row.id, memberId: input.memberId, kind: "created", status: old.status, note: `#${old.id}`, createdAt: input.at } });
      await tx.task.update({ where: { id: old.id }, data: { status: "carried_over" } });
      await tx.statusUpdate.create({ data: { taskId: old.id, memberId: input.memberId, kind: "carried_over", status: "carried_over", note: `#${row.id}`, createdAt: input.at } });
    }
    return { briefingId: briefing.id, created, carried: candidates.length };
  });
}

/** Adds one task by hand to the month's cycle, creating the cycle if no notice was imported yet. */
export async function addTask(
  db: Db,
  input: { month: string; unitCode: string; content: string; deadline: string; deadlineStated: boolean; memberId: number | null; at: Date },
) {
  return db.$transaction(async (tx) => {
    const briefing = await tx.briefing.upsert({ where: { month: input.month }, create: { month: input.month }, update: {} });
    const unit = await tx.unit.findUniqueOrThrow({ where: { code: input.unitCode } });
    const position = await tx.task.count({ where: { briefingId: briefing.id } });
    const task = await tx.task.create({
      data: { briefingId: briefing.id, unitId: unit.id, position, content: input.content, deadline: input.deadline, deadlineStated: input.deadlineStated },
      include: { unit: true },
    });
    await tx.statusUpdate.create({ data: { taskId: task.id, memberId: input.memberId, kind: "created", status: "open", createdAt: input.at } });
    return task;
  });
}
