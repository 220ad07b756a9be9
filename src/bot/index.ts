// The bot: each update once, each button press answered once, the door (who is calling), the
// session kept in the database, one composer per feature, and the error boundary that answers in
// Vietnamese instead of going silent.
import { session, Telegraf } from "telegraf";
import type { App } from "../app.js";
import { sessionStore } from "../db/sessions.js";
import { bot as t } from "../messages/index.js";
import type { BotContext, SessionData } from "./context.js";
import { basicsFeature, fallback } from "./features/basics.js";
import { extensionDecisionFeature, extensionRequestFeature } from "./features/extension.js";
import { draftFeature } from "./features/draft.js";
import { importFeature } from "./features/import.js";
import { newTaskFeature } from "./features/newtask.js";
import { statusFeature } from "./features/status.js";
import { staffFeature } from "./features/staff.js";
import { summaryFeature } from "./features/summary.js";
import { taskAdminFeature, taskFeature } from "./features/task.js";
import { tasksFeature } from "./features/tasks.js";
import { groupChats } from "./middlewares/group.js";
import { loadMember } from "./middlewares/member.js";
import { answerOnce, tell } from "./middlewares/answer.js";
import { processOnce } from "./middlewares/once.js";
import { Refusal } from "./refusal.js";

export function createBot(app: App, token: string): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token, { telegram: { apiRoot: app.config.apiRoot }, handlerTimeout: 120_000 });
  bot.context.app = app;
  bot.use(processOnce(app));
  bot.use(answerOnce);
  bot.use(groupChats);
  bot.use(loadMember);
  bot.use(session({ store: sessionStore<SessionData>(app.db), defaultSession: () => ({}) }));
  bot.use(
    basicsFeature,
    importFeature,
    draftFeature,
    newTaskFeature,
    taskFeature,
    taskAdminFeature,
    tasksFeature,
    statusFeature,
    extensionRequestFeature,
    extensionDecisionFeature,
    staffFeature,
    summaryFeature,
    fallback,
  );
  // A press not answered yet gets the error as its answer; one answered already (its outcome
  // said) gets the apology as a message: Telegram refuses a second answer.
  bot.catch(async (err, ctx) => {
    if (err instanceof Refusal) return tell(ctx, err.message).catch(() => undefined);
    app.log.error(`update ${ctx.update.update_id} failed`, err);
    await tell(ctx, t.somethingWrong).catch(() => undefined);
  });
  return bot;
}
