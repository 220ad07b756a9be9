import type { Prisma } from "../generated/prisma/client.js";
import { OPEN_STATUSES, type TaskStatus, type TaskView } from "../domain/types.js";
import type { Db } from "./client.js";

/** Update kinds that mean the unit reported something about the task. */
const REPORT_KINDS = ["in_progress", "blocked", "done", "note", "extension"];

const withUnit = {
  unit: true,
  _count: { select: { updates: { where: { kind: { in: REPORT_KINDS } } } } },
} satisfies Prisma.TaskInclude;

export type TaskRow = Prisma.TaskGetPayload<{ include: typeof withUnit }>;

export function toView(t: TaskRow): TaskView {
  return {
    id: t.id,
    unitCode: t.unit.code,
    content: t.content,
    deadline: t.deadline,
    deadlineStated: t.deadlineStated,
    status: t.status as TaskStatus,
    note: t.note,
    doneOn: t.doneOn,
    reported: t._count.updates > 0,
  };
}

export function findTasks(db: Db | Prisma.TransactionClient, where: Prisma.TaskWhereInput): Promise<TaskRow[]> {
  return db.task.findMany({
    where,
    include: withUnit,
    orderBy: [{ unit: { position: "asc" } }, { deadline: "asc" }, { position: "asc" }, { id: "asc" }],
  });
}

export function findTask(db: Db, id: number): Promise<TaskRow | null> {
  return db.task.findUnique({ where: { id }, include: withUnit });
}

/** How many tasks matching `where` each unit has (units with none are absent). */
export async function countTasksByUnit(db: Db, where: Prisma.TaskWhereInput): Promise<{ unitId: number; unitCode: string; count: number }[]> {
  const counts = await db.task.groupBy({ by: ["unitId"], where, _count: true });
  const codes = new Map((await db.unit.findMany({ where: { id: { in: counts.map((c) => c.unitId) } } })).map((u) => [u.id, u.code]));
  return counts.map((c) => ({ unitId: c.unitId, unitCode: codes.get(c.unitId)!, count: c._count }));
}

/** Open tasks due on or before `until`: what the reminder pass looks at (index: status, deadline). */
export function openTasksDueBy(db: Db, until: string): Promise<TaskRow[]> {
  return findTasks(db, { status: { in: OPEN_STATUSES }, deadline: { lte: until }, unit: { active: true } });
}

interface Change {
  taskId: number;
  memberId: number | null;
  /** When the change happened, by the app's clock: the history's time stamp. */
  at: Date;
}

/**
 * Records `status` unless the task already has it, and appends it to the history; done sets the
 * day it was done. One step: a double tap can bring two presses that are handled at the same time,
 * and only one of them may go into the history. Says whether the status changed.
 */
export function recordStatus(db: Db, c: Change & { status: TaskStatus; note?: string; today: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changed = await tx.task.updateMany({
      where: { id: c.taskId, status: { not: c.status } },
      data: {
        status: c.status,
        doneOn: c.status === "done" ? c.today : null,
        ...(c.note !== undefined ? { note: c.note } : {}),
      },
    });
    if (changed.count === 0) return false;
    await tx.statusUpdate.create({ data: { taskId: c.taskId, memberId: c.memberId, kind: c.status, status: c.status, note: c.note ?? null, createdAt: c.at } });
    return true;
  });
}

export async function addNote(db: Db, c: Change & { note: string }) {
  const task = await db.task.update({ where: { id: c.taskId }, data: { note: c.note } });
  await db.statusUpdate.create({ data: { taskId: c.taskId, memberId: c.memberId, kind: "note", status: task.status, note: c.note, createdAt: c.at } });
}

export async function changeDeadline(db: Db, c: Change & { deadline: string; kind?: string }) {
  const before = await db.task.findUniqueOrThrow({ where: { id: c.taskId } });
  await db.$transaction([
    db.task.update({ where: { id: c.taskId }, data: { deadline: c.deadline, deadlineStated: true } }),
    db.statusUpdate.create({
      data: { taskId: c.taskId, memberId: c.memberId, kind: c.kind ?? "deadline", status: before.status, note: `${before.deadline} → ${c.deadline}`, createdAt: c.at },
    }),
  ]);
}

export async function cancelTask(db: Db, c: Change) {
  await db.$transaction([
    db.task.update({ where: { id: c.taskId }, data: { status: "cancelled" } }),
    db.statusUpdate.create({ data: { taskId: c.taskId, memberId: c.memberId, kind: "cancelled", status: "cancelled", createdAt: c.at } }),
  ]);
}

export function taskHistory(db: Db, taskId: number) {
  return db.statusUpdate.findMany({ where: { taskId }, include: { member: true }, orderBy: { id: "asc" } });
}
