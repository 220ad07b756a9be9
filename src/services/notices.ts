// Messages the bot starts about a change a person made: a new task to its unit heads, an extension
// request to its deciders and the decision back. Each is written to the outbox in the transaction
// that records the change, so the change and its notice are stored together or not at all.
import type { App } from "../app.js";
import { addTask } from "../db/cycles.js";
import { decideExtension, requestExtension } from "../db/extensions.js";
import { extensionDeciders, membersWithRoles, unitHeads } from "../db/members.js";
import { enqueue, type Outgoing } from "../db/outbox.js";
import { bot as t } from "../messages/index.js";
import { extensionData } from "../views/callbackData.js";

interface Recipient {
  id: number;
  chatId: string;
}

const notice = (app: App, to: Recipient, text: string, markup?: Outgoing["markup"]): Outgoing => ({
  kind: "notice", day: app.today(), memberId: to.id, chatId: to.chatId, text, markup,
});


/** Adds a task by hand; its responsible units' heads are told. Returns the task's id. */
export async function addTaskAndTell(app: App, input: Parameters<typeof addTask>[1]): Promise<number> {
  const heads = (await Promise.all(input.lead.map(async (code) => {
    const unit = await app.db.unit.findUnique({ where: { code } });
    return unit ? unitHeads(app.db, unit.id) : [];
  }))).flat();
  const id = await addTask(app.db, input, (tx, taskId) => enqueue(tx, heads.map((h) => notice(app, h, t.newTaskForYou(taskId, input.content, input.deadline)))));
  app.wakeSender();
  return id;
}

/** Records a unit's extension request and sends it, with its two buttons, to whoever decides it. */
export async function requestExtensionAndAsk(
  app: App,
  input: Parameters<typeof requestExtension>[1],
  text: string,
  unitId: number,
): Promise<void> {
  const deciders = await extensionDeciders(app.db, unitId);
  await requestExtension(app.db, input, (tx, request) => {
    const markup = { inline_keyboard: [[
      { text: t.approve, callback_data: extensionData.pack({ requestId: request.id, decision: "a" }) },
      { text: t.refuse, callback_data: extensionData.pack({ requestId: request.id, decision: "r" }) },
    ]] };
    return enqueue(tx, deciders.map((d) => notice(app, d, text, markup)));
  });
  app.wakeSender();
}

/** Decides a request once; the unit head hears the answer and the secretaries the outcome. Says whether it was still pending. */
export async function decideExtensionAndTell(
  app: App,
  input: Parameters<typeof decideExtension>[1],
  texts: { answer: string; outcome: string },
  requester: Recipient,
): Promise<boolean> {
  const secretaries = await membersWithRoles(app.db, ["secretary"]);
  const decided = await decideExtension(app.db, input, (tx) =>
    enqueue(tx, [notice(app, requester, texts.answer), ...secretaries.map((s) => notice(app, s, texts.outcome))]),
  );
  app.wakeSender();
  return decided;
}
