// The one mechanism for multi-step dialogues: a question sets the session's step, and the next
// text (not a command) goes to the handler registered for that step's kind, with the step typed.
import { Composer } from "telegraf";
import type { BotContext, Step } from "./context.js";

type StepOf<K extends Step["kind"]> = Extract<Step, { kind: K }>;

/** Handles the typed answer to a question of kind `kind` (NFC, trimmed); other texts go on. */
export function answers<K extends Step["kind"]>(kind: K, handle: (ctx: BotContext, step: StepOf<K>, text: string) => Promise<unknown>) {
  const composer = new Composer<BotContext>();
  composer.on("text", async (ctx, next) => {
    const step = ctx.session.step;
    if (step?.kind !== kind || ctx.message.text.startsWith("/")) return next();
    await handle(ctx, step as StepOf<K>, ctx.message.text.normalize("NFC").trim());
  });
  return composer;
}
