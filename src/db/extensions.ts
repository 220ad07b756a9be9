// A responsible unit's request for a later deadline on its part, and the decision on it.
import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./client.js";

type Then<T> = (tx: Prisma.TransactionClient, result: T) => Promise<unknown>;

export function pendingExtension(db: Db, partId: number) {
  return db.extensionRequest.findFirst({ where: { partId, state: "pending" } });
}

/** Records the request; the task's history shows it with the deadline asked for. */
export async function requestExtension(db: Db, input: { partId: number; memberId: number; requestedOn: string; reason: string; at: Date }, then?: Then<{ id: number }>) {
  const { at, ...fields } = input;
  return db.$transaction(async (tx) => {
    const part = await tx.taskPart.findUniqueOrThrow({ where: { id: input.partId } });
    const request = await tx.extensionRequest.create({ data: { ...fields, createdAt: at } });
    await tx.taskEvent.create({
      data: {
        taskId: part.taskId, partId: part.id, memberId: input.memberId, kind: "extension", status: part.status,
        note: input.reason, oldValue: part.deadline, newValue: input.requestedOn, createdAt: at,
      },
    });
    await then?.(tx, request);
    return request;
  });
}

export function findExtension(db: Db, id: number) {
  return db.extensionRequest.findUnique({
    where: { id },
    include: { part: { include: { task: true, unit: true } }, member: true, decidedBy: true },
  });
}

/**
 * Decides a pending request once: of two deciders pressing at the same time, one wins and the other
 * is told it was already decided. Approval moves the unit's deadline on its part; both outcomes
 * go into the history.
 */
export async function decideExtension(db: Db, input: { id: number; approve: boolean; deciderId: number; at: Date }, then?: Then<{ id: number }>): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.extensionRequest.updateMany({
      where: { id: input.id, state: "pending" },
      data: { state: input.approve ? "approved" : "refused", decidedById: input.deciderId, decidedAt: input.at },
    });
    if (claimed.count === 0) return false;
    const request = await tx.extensionRequest.findUniqueOrThrow({ where: { id: input.id }, include: { part: true } });
    const { part } = request;
    if (input.approve) await tx.taskPart.update({ where: { id: part.id }, data: { deadline: request.requestedOn } });
    await tx.taskEvent.create({
      data: {
        taskId: part.taskId, partId: part.id, memberId: input.deciderId, kind: input.approve ? "extension_approved" : "extension_refused",
        status: part.status, oldValue: part.deadline, newValue: request.requestedOn, createdAt: input.at,
      },
    });
    await then?.(tx, request);
    return true;
  });
}
