// Tasks and their unit parts: reading them for lists, reminders and summaries, and every change a
// person makes, each appended to the history with who, when, and old → new.
import { Prisma } from "../generated/prisma/client.js";
import { OPEN_STATUSES, type PartStatus, type PartView, type TaskView } from "../domain/types.js";
import type { Db } from "./client.js";

type Tx = Db | Prisma.TransactionClient;

/** Event kinds that mean the unit reported something about its part. */
const REPORT_KINDS = ["in_progress", "blocked", "done", "note", "extension"] as const;

const partFields = {
  unit: true,
  _count: { select: { events: { where: { kind: { in: [...REPORT_KINDS] } } } } },
} satisfies Prisma.TaskPartInclude;

const withTask = { ...partFields, task: { include: { cycle: true } } } satisfies Prisma.TaskPartInclude;

export type PartRow = Prisma.TaskPartGetPayload<{ include: typeof withTask }>;

const partOrder: Prisma.TaskPartOrderByWithRelationInput[] = [
  { unit: { position: "asc" } },
  { deadline: "asc" },
  { task: { position: "asc" } },
  { id: "asc" },
];

type PartFields = Pick<Prisma.TaskPartGetPayload<object>, "id" | "taskId" | "role" | "deadline" | "status" | "note" | "doneOn"> & {
  unit: { code: string };
  _count: { events: number };
};

function partView(p: PartFields, task: { content: string; deadlineStated: boolean }): PartView {
  return {
    id: p.id,
    taskId: p.taskId,
    unitCode: p.unit.code,
    role: p.role,
    content: task.content,
    deadline: p.deadline,
    deadlineStated: task.deadlineStated,
    status: p.status,
    note: p.note,
    doneOn: p.doneOn,
    reported: p._count.events > 0,
  };
}

export const toPartView = (p: PartRow): PartView => partView(p, p.task);

export function findParts(db: Tx, where: Prisma.TaskPartWhereInput, page?: { skip: number; take: number }): Promise<PartRow[]> {
  return db.taskPart.findMany({ where, include: withTask, orderBy: partOrder, ...page });
}

export function countParts(db: Tx, where: Prisma.TaskPartWhereInput): Promise<number> {
  return db.taskPart.count({ where });
}

export function findPart(db: Tx, id: number): Promise<PartRow | null> {
  return db.taskPart.findUnique({ where: { id }, include: withTask });
}

/** A unit's part of a task, if the unit has one. */
export function findPartOf(db: Tx, taskId: number, unitId: number): Promise<PartRow | null> {
  return db.taskPart.findUnique({ where: { taskId_unitId: { taskId, unitId } }, include: withTask });
}

/** A part as a task's card shows it, with its unit. */
export type CardPart = PartView & { unitId: number; unitName: string };

/** A task as its card shows it: every part (responsible first, in the org's order), and whether its cycle is open. */
export interface TaskCard {
  cycleOpen: boolean;
  parts: CardPart[];
}

type CardRow = Omit<CardPart, "reported"> & { reports: bigint; cycleState: string };

/**
 * The card of the task that part `partId` is of, in one statement (Prisma would send one a
 * relation): a status press reads nothing else before it records. Null when there is no such part.
 */
export async function findTaskCard(db: Tx, partId: number): Promise<TaskCard | null> {
  const rows = await db.$queryRaw<CardRow[]>`
    SELECT p."id", p."taskId", p."unitId", p."role", p."status", p."deadline", p."note", p."doneOn",
      u."code" AS "unitCode", u."name" AS "unitName", t."content", t."deadlineStated", c."state" AS "cycleState",
      (SELECT COUNT(*) FROM "TaskEvent" e WHERE e."partId" = p."id" AND e."kind" IN (${Prisma.join([...REPORT_KINDS])})) AS "reports"
    FROM "TaskPart" p JOIN "Unit" u ON u."id" = p."unitId" JOIN "Task" t ON t."id" = p."taskId" JOIN "Cycle" c ON c."id" = t."cycleId"
    WHERE p."taskId" = (SELECT "taskId" FROM "TaskPart" WHERE "id" = ${partId})
    ORDER BY p."role", u."position", p."id"`;
  if (rows.length === 0) return null;
  const parts = rows.map(({ reports, cycleState: _, ...part }) => ({ ...part, reported: Number(reports) > 0 }));
  return { cycleOpen: rows[0]!.cycleState === "open", parts };
}

const taskFields = {
  cycle: true,
  parts: { include: partFields, orderBy: [{ role: "asc" }, { unit: { position: "asc" } }] },
} satisfies Prisma.TaskInclude;

export type TaskRow = Prisma.TaskGetPayload<{ include: typeof taskFields }>;

export function toTaskView(t: TaskRow): TaskView {
  return { id: t.id, content: t.content, deadline: t.deadline, deadlineStated: t.deadlineStated, parts: t.parts.map((p) => partView(p, t)) };
}

export function findTask(db: Tx, id: number): Promise<TaskRow | null> {
  return db.task.findUnique({ where: { id }, include: taskFields });
}

export function findTasks(db: Tx, where: Prisma.TaskWhereInput): Promise<TaskRow[]> {
  return db.task.findMany({ where, include: taskFields, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/** Unit codes a task names, by role. */
export const unitsOf = (t: TaskRow, role: "lead" | "support"): string[] => t.parts.filter((p) => p.role === role).map((p) => p.unit.code);

/** How many parts matching `where` each unit has (units with none are absent). */
export async function countPartsByUnit(db: Db, where: Prisma.TaskPartWhereInput): Promise<{ unitId: number; unitCode: string; count: number }[]> {
  const counts = await db.taskPart.groupBy({ by: ["unitId"], where, _count: true });
  const codes = new Map((await db.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.id, u.code]));
  return counts.map((c) => ({ unitId: c.unitId, unitCode: codes.get(c.unitId)!, count: c._count }));
}

/** What reminders and lists look at: responsible parts still to do, in the open cycle, of active units. */
export const activeLeadParts: Prisma.TaskPartWhereInput = {
  role: "lead",
  status: { in: OPEN_STATUSES },
  unit: { active: true },
  task: { cycle: { state: "open" } },
};

/** What the reminder pass reads of a part: no more, since it reads thousands. */
const dueFields = {
  id: true, taskId: true, role: true, deadline: true, status: true, note: true, doneOn: true,
  unit: { select: { code: true, name: true } },
  task: { select: { content: true, deadlineStated: true } },
  _count: partFields._count,
} satisfies Prisma.TaskPartSelect;

/** Parts read at once: turning a page into objects holds the event loop (about 20 ms for 500). */
const DUE_PAGE = 500;

/**
 * Open responsible parts due on or before `until` (index: status, deadline), with their unit's
 * name, read a page at a time by id so the bot keeps answering while ten thousand are read.
 */
export async function openPartsDueBy(db: Db, until: string): Promise<{ view: PartView; unitName: string }[]> {
  const found: { view: PartView; unitName: string }[] = [];
  for (let after = 0; ; ) {
    const page = await db.taskPart.findMany({ where: { ...activeLeadParts, deadline: { lte: until }, id: { gt: after } }, select: dueFields, orderBy: { id: "asc" }, take: DUE_PAGE });
    for (const p of page) found.push({ view: partView(p, p.task), unitName: p.unit.name });
    if (page.length < DUE_PAGE) return found;
    after = page.at(-1)!.id;
  }
}

interface Change {
  memberId: number | null;
  /** When the change happened, by the app's clock: the history's time stamp. */
  at: Date;
}

type StatusChange = Change & { partId: number; status: PartStatus; note?: string; today: string };

/** What a recorded status changed on its part (`reported` when the status is one the unit reports). */
export type PartChange = Pick<PartView, "status" | "doneOn" | "note"> & { reported?: true };

/**
 * Records `status` on a part unless it already has it, and appends it to the history; done sets
 * the day it was done. One conditional update: a double tap can bring two presses handled at the
 * same time, and only one may go into the history. Returns what changed, null when nothing did.
 */
export function changeStatus(db: Db, c: StatusChange): Promise<PartChange | null> {
  return db.$transaction(async (tx) => {
    const [changed] = await tx.taskPart.updateManyAndReturn({
      where: { id: c.partId, status: { not: c.status } },
      data: { status: c.status, doneOn: c.status === "done" ? c.today : null, ...(c.note !== undefined ? { note: c.note } : {}) },
      select: { taskId: true, status: true, doneOn: true, note: true },
    });
    if (!changed) return null;
    const { taskId, ...part } = changed;
    await tx.taskEvent.create({
      data: { taskId, partId: c.partId, memberId: c.memberId, kind: c.status, status: c.status, note: c.note ?? null, createdAt: c.at },
    });
    return { ...part, ...((REPORT_KINDS as readonly string[]).includes(c.status) ? { reported: true as const } : {}) };
  });
}

export async function addNote(db: Db, c: Change & { partId: number; note: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const part = await tx.taskPart.update({ where: { id: c.partId }, data: { note: c.note } });
    await tx.taskEvent.create({ data: { taskId: part.taskId, partId: part.id, memberId: c.memberId, kind: "note", status: part.status, note: c.note, createdAt: c.at } });
  });
}

/** Parts whose deadline an approved extension set: changing the task's deadline asks before moving them. */
export function extendedParts(db: Db, taskId: number) {
  return db.taskPart.findMany({ where: { taskId, status: { in: OPEN_STATUSES }, extensions: { some: { state: "approved" } } }, include: { unit: true } });
}

/**
 * Sets the task's deadline and its unfinished parts' (those an approved extension moved only when
 * `includeExtended`); the history keeps old → new.
 */
export async function changeDeadline(db: Db, c: Change & { taskId: number; deadline: string; includeExtended: boolean }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.task.findUniqueOrThrow({ where: { id: c.taskId } });
    const extended = c.includeExtended ? {} : { extensions: { none: { state: "approved" as const } } };
    await tx.task.update({ where: { id: c.taskId }, data: { deadline: c.deadline, deadlineStated: true, deadlineKind: "date" } });
    await tx.taskPart.updateMany({ where: { taskId: c.taskId, status: { in: OPEN_STATUSES }, ...extended }, data: { deadline: c.deadline } });
    await tx.taskEvent.create({
      data: { taskId: c.taskId, memberId: c.memberId, kind: "deadline", oldValue: before.deadline, newValue: c.deadline, createdAt: c.at },
    });
  });
}

export async function editContent(db: Db, c: Change & { taskId: number; content: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.task.findUniqueOrThrow({ where: { id: c.taskId } });
    await tx.task.update({ where: { id: c.taskId }, data: { content: c.content } });
    await tx.taskEvent.create({ data: { taskId: c.taskId, memberId: c.memberId, kind: "content", oldValue: before.content, newValue: c.content, createdAt: c.at } });
  });
}

/** "QLKH, HCTH; phối hợp: TTUD": a task's units as its history records them. */
const unitsText = (lead: string[], support: string[]) => [lead.join(", "), support.length ? `phối hợp: ${support.join(", ")}` : ""].filter(Boolean).join("; ");

/**
 * Sets which units take part in a task and how: a new unit gets an open part, a unit whose role
 * changes keeps its part and its history, a unit taken off has its unfinished part cancelled (its
 * history stays). The change is one history entry, old → new.
 */
export async function setTaskUnits(db: Db, c: Change & { taskId: number; lead: string[]; support: string[] }): Promise<void> {
  await db.$transaction(async (tx) => {
    const task = await tx.task.findUniqueOrThrow({ where: { id: c.taskId }, include: { parts: { include: { unit: true } } } });
    const active = task.parts.filter((p) => p.status !== "cancelled" && p.status !== "carried_over");
    const before = unitsText(active.filter((p) => p.role === "lead").map((p) => p.unit.code), active.filter((p) => p.role === "support").map((p) => p.unit.code));
    const wanted = new Map([...c.lead.map((code) => [code, "lead"] as const), ...c.support.map((code) => [code, "support"] as const)]);
    const units = new Map((await tx.unit.findMany({ where: { code: { in: [...wanted.keys()] } } })).map((u) => [u.code, u.id]));
    for (const [code, role] of wanted) {
      const part = task.parts.find((p) => p.unit.code === code);
      if (!part) await tx.taskPart.create({ data: { taskId: task.id, unitId: units.get(code)!, role, deadline: task.deadline } });
      else if (part.role !== role || part.status === "cancelled") {
        await tx.taskPart.update({ where: { id: part.id }, data: { role, ...(part.status === "cancelled" ? { status: "open" } : {}) } });
      }
    }
    const removed = active.filter((p) => !wanted.has(p.unit.code) && OPEN_STATUSES.includes(p.status)).map((p) => p.id);
    if (removed.length) await tx.taskPart.updateMany({ where: { id: { in: removed } }, data: { status: "cancelled" } });
    await tx.taskEvent.create({ data: { taskId: task.id, memberId: c.memberId, kind: "units", oldValue: before, newValue: unitsText(c.lead, c.support), createdAt: c.at } });
  });
}

/** Cancels every unfinished part of the task. Says whether anything was still open. */
export async function cancelTask(db: Db, c: Change & { taskId: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changed = await tx.taskPart.updateMany({ where: { taskId: c.taskId, status: { in: OPEN_STATUSES } }, data: { status: "cancelled" } });
    if (changed.count === 0) return false;
    await tx.taskEvent.create({ data: { taskId: c.taskId, memberId: c.memberId, kind: "cancelled", status: "cancelled", createdAt: c.at } });
    return true;
  });
}

/** A task's history, oldest first, with who made each change and which unit's part it was about. */
export function taskHistory(db: Db, taskId: number) {
  return db.taskEvent.findMany({ where: { taskId }, include: { member: true, part: { include: { unit: true } } }, orderBy: { id: "asc" } });
}
