// Cycles and the notices that open them: storing a notice's tasks with their unit parts, closing
// the cycle before it (its unfinished tasks carried over with a link, or closed as not done), and
// tasks added by hand.
import { createHash } from "node:crypto";
import { cycleKey } from "../domain/cycles.js";
import { OPEN_STATUSES, type ParsedNotice, type Period } from "../domain/types.js";
import type { Prisma } from "../generated/prisma/client.js";
import { chunks } from "./batches.js";
import { insertRows } from "./insert.js";
import type { Db } from "./client.js";
import { findTasks } from "./tasks.js";

type Tx = Db | Prisma.TransactionClient;

export function noticeHash(text: string): string {
  return createHash("sha256").update(text.normalize("NFC").replace(/\s+/g, " ").trim()).digest("hex");
}

export function findCycle(db: Tx, key: string) {
  return db.cycle.findUnique({ where: { key } });
}

/** The cycle a summary of `month` reads: the month's own, else the one whose period holds its first day. */
export async function cycleOfMonth(db: Db, month: string) {
  return (await findCycle(db, month)) ?? db.cycle.findFirst({ where: { start: { lte: `${month}-01` }, end: { gte: `${month}-01` } }, orderBy: { start: "desc" } });
}

/** The latest cycle that has started by `today`. */
export function latestCycle(db: Db, today: string) {
  return db.cycle.findFirst({ where: { start: { lte: today } }, orderBy: { start: "desc" } });
}

export type ImportCheck =
  | { ok: true }
  | { ok: false; reason: "same_notice" | "period_has_notice"; key: string; noticeNumber: string | null };

/** A notice may be stored once, and a period has one notice (tasks added by hand do not count). */
export async function checkImport(db: Tx, key: string, sourceHash: string): Promise<ImportCheck> {
  const same = await db.cycle.findUnique({ where: { sourceHash } });
  if (same) return { ok: false, reason: "same_notice", key: same.key, noticeNumber: same.noticeNumber };
  const existing = await findCycle(db, key);
  if (existing?.sourceHash) return { ok: false, reason: "period_has_notice", key, noticeNumber: existing.noticeNumber };
  return { ok: true };
}

/** Open cycles before `period`: what storing a notice for it closes. */
const earlierOpen = (period: Period): Prisma.CycleWhereInput => ({ state: "open", start: { lt: period.start } });

/** Unfinished tasks of the cycles a notice for `period` closes: carried over or closed as not done. */
export function carryOverCandidates(db: Tx, period: Period) {
  return findTasks(db, { cycle: earlierOpen(period), parts: { some: { role: "lead", status: { in: OPEN_STATUSES } } } });
}

/** What happens to the unfinished tasks of the cycle being closed: carried over unless listed in `close`. */
export interface CloseDecision {
  carry: boolean;
  /** Task ids closed as not done even when `carry`, or carried even when not. */
  except?: number[];
  /** Why tasks are closed as not done (kept in their history). */
  reason?: string;
}

export interface StoreNoticeInput {
  parsed: ParsedNotice & { notice: { period: Period } };
  sourceHash: string;
  memberId: number | null;
  decision: CloseDecision;
  /** The secretary confirmed a notice whose period has passed. */
  late: boolean;
  /** The draft being saved: claimed in the same transaction, so it is saved once. */
  draftId?: number;
  /** When the import happened, by the app's clock: the time stamp of the history it writes. */
  at: Date;
}

/** Thrown by storeNotice when the draft was saved or discarded meanwhile (a second «Lưu»). */
export class DraftClosed extends Error {}

/** Thrown by storeNotice when the notice, or another one for its period, is already stored. */
export class ImportConflict extends Error {
  constructor(readonly check: Extract<ImportCheck, { ok: false }>) {
    super(`import refused: ${check.reason} (${check.key})`);
  }
}

type PartInput = { role: "lead" | "support"; unitId: number; status?: Prisma.TaskPartCreateManyInput["status"]; note?: string | null; deadline: string };
type TaskInput = Required<Pick<Prisma.TaskCreateManyInput, "position" | "content" | "deadline" | "deadlineStated" | "deadlineKind">> & Pick<Prisma.TaskCreateManyInput, "source" | "carriedFromId">;

/**
 * Creates tasks, their parts and their first history entries in a few statements (insert.ts);
 * returns the new task ids in the order of `rows`, whose positions tell them apart.
 */
async function createTasks(
  tx: Prisma.TransactionClient,
  cycleId: number,
  rows: { task: TaskInput; parts: PartInput[]; event: { kind: "created" | "carried_in"; note?: string } }[],
  c: { memberId: number | null; at: Date },
): Promise<number[]> {
  const at = c.at;
  const created = await insertRows<{ id: bigint; position: bigint }>(
    tx,
    "Task",
    rows.map(({ task: t }) => ({ cycleId, position: t.position, content: t.content, deadline: t.deadline, deadlineStated: t.deadlineStated, deadlineKind: t.deadlineKind, source: t.source ?? null, carriedFromId: t.carriedFromId ?? null, createdAt: at })),
    { returning: ["id", "position"] },
  );
  const idAt = new Map(created.map((t) => [Number(t.position), Number(t.id)]));
  const ids = rows.map((r) => idAt.get(r.task.position)!);
  if (new Set(ids).size !== rows.length) throw new Error("createTasks: two new tasks share a position");
  await insertRows(tx, "TaskPart", rows.flatMap((r, i) => r.parts.map((p) => ({
    taskId: ids[i]!, unitId: p.unitId, role: p.role, status: p.status ?? "open", deadline: p.deadline, note: p.note ?? null, createdAt: at, updatedAt: at,
  }))));
  await insertRows(tx, "TaskEvent", rows.map((r, i) => ({ taskId: ids[i]!, memberId: c.memberId, kind: r.event.kind, note: r.event.note ?? null, createdAt: at })));
  return ids;
}

/**
 * Stores a parsed notice as its period's cycle with its tasks, one task per directive with a part
 * per unit, and closes the earlier open cycle — all in one transaction. The import check and the
 * carry-over candidates are read inside it, so two confirmations of the same draft (a double tap,
 * two secretaries, the CLI and the bot at once) cannot store the notice twice.
 */
export interface StoredNotice {
  cycleId: number;
  key: string;
  created: number;
  /** Responsible parts. */
  parts: number;
  /** Coordinating parts. */
  support: number;
  carried: number;
  closed: number;
}

/**
 * `then` runs inside the same transaction once the notice is stored: what the caller decides to
 * send about it is written with it, or not at all.
 */
export async function storeNotice(db: Db, input: StoreNoticeInput, then?: (tx: Prisma.TransactionClient, stored: StoredNotice) => Promise<unknown>): Promise<StoredNotice> {
  const { notice, tasks } = input.parsed;
  const key = cycleKey(notice.period);
  const change = { memberId: input.memberId, at: input.at };
  return db.$transaction(async (tx) => {
    if (input.draftId !== undefined) {
      const claimed = await tx.importDraft.updateMany({ where: { id: input.draftId, state: "open" }, data: { state: "saved" } });
      if (claimed.count === 0) throw new DraftClosed();
    }
    const check = await checkImport(tx, key, input.sourceHash);
    if (!check.ok) throw new ImportConflict(check);
    const newer = await tx.cycle.count({ where: { start: { gt: notice.period.start } } });
    const units = new Map((await tx.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
    const unitId = (code: string) => {
      const id = units.get(code);
      if (id === undefined) throw new Error(`Unknown unit ${code}`);
      return id;
    };
    const fields = {
      kind: notice.period.kind, start: notice.period.start, end: notice.period.end, meetingOn: notice.meetingOn,
      noticeNumber: notice.number, noticeIssuedOn: notice.issuedOn, sourceHash: input.sourceHash, late: input.late,
      // A late notice for a period that a later cycle already follows is kept for the record only.
      ...(newer > 0 ? { state: "closed" as const, closedAt: input.at } : {}),
    };
    const cycle = await tx.cycle.upsert({ where: { key }, create: { key, ...fields }, update: fields });
    const created = await createTasks(
      tx,
      cycle.id,
      tasks.map((t, position) => ({
        task: { position, content: t.content, deadline: t.deadline, deadlineStated: t.deadlineStated, deadlineKind: t.deadlineKind, source: t.source || null },
        parts: [
          ...t.units.map((code) => ({ role: "lead" as const, unitId: unitId(code), deadline: t.deadline })),
          ...t.support.map((code) => ({ role: "support" as const, unitId: unitId(code), deadline: t.deadline })),
        ],
        event: { kind: "created" },
      })),
      change,
    );
    const closed = newer > 0 ? { carried: 0, closed: 0 } : await closeEarlier(tx, cycle.id, notice.period, tasks.length, input.decision, change);
    if (input.draftId !== undefined) await tx.importDraft.update({ where: { id: input.draftId }, data: { cycleId: cycle.id } });
    const count = (role: "units" | "support") => tasks.reduce((n, t) => n + t[role].length, 0);
    const stored = { cycleId: cycle.id, key, created: created.length, parts: count("units"), support: count("support"), ...closed };
    await then?.(tx, stored);
    return stored;
  });
}

/**
 * Closes the open cycles before `period`: each unfinished task is carried into the new cycle (a
 * new task linked to the old one, its unfinished parts with their status, note and deadline; the
 * old parts marked carried over) or closed as not done with the reason in its history.
 */
async function closeEarlier(
  tx: Prisma.TransactionClient,
  cycleId: number,
  period: Period,
  firstPosition: number,
  decision: CloseDecision,
  c: { memberId: number | null; at: Date },
) {
  const candidates = await carryOverCandidates(tx, period);
  const except = new Set(decision.except ?? []);
  const carried = candidates.filter((t) => decision.carry !== except.has(t.id));
  const closed = candidates.filter((t) => decision.carry === except.has(t.id));
  // A stated deadline stays (it may already be overdue); a defaulted one moves to the new period's end.
  const deadlineOf = (old: (typeof carried)[number], own: string) => (old.deadlineStated ? own : period.end);
  await createTasks(
    tx,
    cycleId,
    carried.map((old, i) => ({
      task: {
        position: firstPosition + i, content: old.content, deadline: deadlineOf(old, old.deadline), deadlineStated: old.deadlineStated,
        deadlineKind: old.deadlineKind, source: old.source, carriedFromId: old.id,
      },
      parts: old.parts
        .filter((p) => p.role === "support" || OPEN_STATUSES.includes(p.status))
        .map((p) => ({ role: p.role, unitId: p.unitId, status: p.status, note: p.note, deadline: deadlineOf(old, p.deadline) })),
      event: { kind: "carried_in", note: `#${old.id}` },
    })),
    c,
  );
  const openParts = (tasks: typeof candidates) => tasks.flatMap((t) => t.parts.filter((p) => OPEN_STATUSES.includes(p.status)));
  const carriedParts = openParts(carried);
  for (const batch of chunks(carriedParts)) {
    await tx.taskPart.updateMany({ where: { id: { in: batch.map((p) => p.id) } }, data: { status: "carried_over" } });
  }
  await insertRows(tx, "TaskEvent", [
    ...carriedParts.map((p) => ({ taskId: p.taskId, partId: p.id, memberId: c.memberId, kind: "carried_over", status: "carried_over", note: null, createdAt: c.at })),
    ...closed.map((t) => ({ taskId: t.id, partId: null, memberId: c.memberId, kind: "closed_not_done", status: null, note: decision.reason ?? null, createdAt: c.at })),
  ]);
  await tx.cycle.updateMany({ where: { ...earlierOpen(period), id: { not: cycleId } }, data: { state: "closed", closedAt: c.at } });
  return { carried: carried.length, closed: closed.length };
}

/** Adds one task by hand to the open cycle (or a new month's cycle when none is open); `then` runs in its transaction. */
export async function addTask(
  db: Db,
  input: { period: Period; lead: string[]; support: string[]; content: string; deadline: string; deadlineStated: boolean; memberId: number | null; at: Date },
  then?: (tx: Prisma.TransactionClient, taskId: number) => Promise<unknown>,
) {
  return db.$transaction(async (tx) => {
    const open = await tx.cycle.findFirst({ where: { state: "open" }, orderBy: { start: "desc" } });
    const key = cycleKey(input.period);
    const cycle = open ?? (await tx.cycle.upsert({ where: { key }, create: { key, kind: input.period.kind, start: input.period.start, end: input.period.end }, update: {} }));
    const units = await tx.unit.findMany({ where: { code: { in: [...input.lead, ...input.support] } } });
    const idOf = (code: string) => units.find((u) => u.code === code)!.id;
    const position = await tx.task.count({ where: { cycleId: cycle.id } });
    const [id] = await createTasks(
      tx,
      cycle.id,
      [{
        task: { position, content: input.content, deadline: input.deadline, deadlineStated: input.deadlineStated, deadlineKind: input.deadlineStated ? "date" : "default" },
        parts: [
          ...input.lead.map((code) => ({ role: "lead" as const, unitId: idOf(code), deadline: input.deadline })),
          ...input.support.map((code) => ({ role: "support" as const, unitId: idOf(code), deadline: input.deadline })),
        ],
        event: { kind: "created" },
      }],
      input,
    );
    await then?.(tx, id!);
    return id!;
  });
}
