import type { Db } from "./client.js";

export type DeliveryKind = "reminder" | "digest" | "report";

export interface ClaimInput {
  kind: DeliveryKind;
  day: string;
  memberId: number;
  chatId: string;
  tasks?: { taskId: number; number: number; reason: string }[];
}

/**
 * Claims the right to send one message before sending it: the unique (kind, day, member) row
 * makes a second send impossible, also after a restart. Returns null when it was already claimed.
 * A claim whose send was cut off by a crash stays "pending" and is not sent again: a reminder
 * missed is reported, a reminder sent twice cannot be taken back.
 */
export async function claimDelivery(db: Db, input: ClaimInput): Promise<number | null> {
  try {
    const row = await db.delivery.create({
      data: {
        kind: input.kind,
        day: input.day,
        memberId: input.memberId,
        chatId: input.chatId,
        tasks: { create: (input.tasks ?? []).map((t) => ({ ...t, day: input.day })) },
      },
    });
    return row.id;
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return null;
    throw e;
  }
}

export async function markSent(db: Db, id: number, messageId: number): Promise<void> {
  await db.delivery.update({ where: { id }, data: { state: "sent", messageId } });
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.delivery.update({ where: { id }, data: { state: "failed", error: error.slice(0, 500) } });
}

/** The last day each task was listed as overdue in a reminder that went out. */
export async function lastOverdueDays(db: Db, taskIds: number[]): Promise<Map<number, string>> {
  const rows = await db.deliveryTask.groupBy({
    by: ["taskId"],
    where: { taskId: { in: taskIds }, reason: "overdue", delivery: { state: "sent" } },
    _max: { day: true },
  });
  return new Map(rows.flatMap((r) => (r._max.day ? [[r.taskId, r._max.day] as const] : [])));
}

/** The reminder a chat message is, with its numbered tasks (for replies and button presses). */
export function findReminderByMessage(db: Db, chatId: string, messageId: number) {
  return db.delivery.findFirst({
    where: { chatId, messageId, kind: "reminder" },
    include: { tasks: { orderBy: { number: "asc" } } },
  });
}
