import type { Db } from "./client.js";
import { changeDeadline } from "./tasks.js";

export function pendingExtension(db: Db, taskId: number) {
  return db.extensionRequest.findFirst({ where: { taskId, state: "pending" } });
}

/** Records a unit's request for a later deadline; the task's history shows it. */
export async function requestExtension(db: Db, input: { taskId: number; memberId: number; requestedOn: string; at: Date }) {
  const { at, ...fields } = input;
  return db.$transaction(async (tx) => {
    const task = await tx.task.findUniqueOrThrow({ where: { id: input.taskId } });
    const request = await tx.extensionRequest.create({ data: { ...fields, createdAt: at } });
    await tx.statusUpdate.create({
      data: { taskId: input.taskId, memberId: input.memberId, kind: "extension", status: task.status, note: `${task.deadline} → ${input.requestedOn}`, createdAt: at },
    });
    return request;
  });
}

export function findExtension(db: Db, id: number) {
  return db.extensionRequest.findUnique({ where: { id }, include: { task: { include: { unit: true } }, member: true } });
}

/**
 * Decides a pending request once: of two secretaries pressing at the same time, one wins and the
 * other is told it was already decided. Approval moves the task's deadline.
 */
export async function decideExtension(db: Db, input: { id: number; approve: boolean; deciderId: number; at: Date }): Promise<boolean> {
  const claimed = await db.extensionRequest.updateMany({
    where: { id: input.id, state: "pending" },
    data: { state: input.approve ? "approved" : "refused", decidedById: input.deciderId, decidedAt: input.at },
  });
  if (claimed.count === 0) return false;
  if (input.approve) {
    const request = await db.extensionRequest.findUniqueOrThrow({ where: { id: input.id } });
    await changeDeadline(db, { taskId: request.taskId, memberId: input.deciderId, deadline: request.requestedOn, kind: "extension_approved", at: input.at });
  }
  return true;
}
