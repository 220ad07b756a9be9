import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./client.js";
import { activeLeadParts } from "./tasks.js";

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
