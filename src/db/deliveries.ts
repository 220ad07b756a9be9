import type { Prisma } from "../generated/prisma/client.js";
import type { DeliveryKind, ReminderReason } from "../generated/prisma/enums.js";
import type { Db } from "./client.js";
import { activeLeadParts } from "./tasks.js";

export interface ClaimInput {
  kind: DeliveryKind;
  day: string;
  memberId: number;
  chatId: string;
  items?: { partId: number; number: number; reason: ReminderReason }[];
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
        items: { createMany: { data: (input.items ?? []).map((t) => ({ ...t, day: input.day })) } },
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

/**
 * The last day each open part was listed as overdue in a reminder that went out: one grouped query
 * joined in SQL, so its size never depends on how many parts are due.
 */
export async function lastOverdueDays(db: Db, where: Prisma.TaskPartWhereInput = activeLeadParts): Promise<Map<number, string>> {
  const rows = await db.deliveryItem.groupBy({
    by: ["partId"],
    where: { reason: "overdue", delivery: { state: "sent" }, part: where },
    _max: { day: true },
  });
  return new Map(rows.flatMap((r) => (r._max.day ? [[r.partId, r._max.day] as const] : [])));
}

/** The reminder a chat message is, with its numbered parts (for replies and button presses). */
export function findReminderByMessage(db: Db, chatId: string, messageId: number) {
  return db.delivery.findFirst({
    where: { chatId, messageId, kind: "reminder" },
    include: { items: { orderBy: { number: "asc" } } },
  });
}
