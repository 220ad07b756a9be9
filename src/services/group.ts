// The department's briefing group: linked by a secretary from inside it, it receives the digest
// and the report document, and nothing else is ever posted there.
import type { App } from "../app.js";
import type { Db } from "../db/client.js";
import { enqueue, getSetting } from "../db/outbox.js";
import { bot as t } from "../messages/index.js";

const GROUP = "group.chatId";
const TITLE = "group.title";

export async function linkedGroup(db: Db): Promise<{ chatId: string; title: string } | null> {
  const chatId = await getSetting(db, GROUP);
  return chatId ? { chatId, title: (await getSetting(db, TITLE)) ?? "" } : null;
}

/** Links (or, with `link` false, unlinks) a group; the secretary is told in private, never in the group. */
export async function linkGroup(app: App, input: { link: boolean; chatId: string; title: string; secretary: { id: number; chatId: string } }): Promise<void> {
  await app.db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: GROUP }, create: { key: GROUP, value: input.link ? input.chatId : "" }, update: { value: input.link ? input.chatId : "" } });
    await tx.setting.upsert({ where: { key: TITLE }, create: { key: TITLE, value: input.title }, update: { value: input.title } });
    const text = input.link ? t.groupLinked(input.title) : t.groupUnlinked(input.title);
    await enqueue(tx, [{ kind: "notice", day: app.today(), memberId: input.secretary.id, chatId: input.secretary.chatId, text }]);
  });
  app.wakeSender();
}
