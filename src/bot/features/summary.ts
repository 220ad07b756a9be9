// /summary [mm/yyyy]: the briefing summary for the director, deputies (of the units they oversee)
// and secretaries.
import { Composer } from "telegraf";
import { overseenCodes } from "../../db/members.js";
import { makeDay } from "../../domain/calendar.js";
import { bot as t } from "../../messages/index.js";
import { compileSummaryFor } from "../../domain/summary/compile.js";
import { deliverSummary, loadCycle } from "../../services/summary.js";
import { member, type BotContext } from "../context.js";
import { door } from "../filters/door.js";
import { READERS } from "../filters/roles.js";

/** "12/2024" to "2024-12"; "" to undefined (the latest cycle); null when not a month. */
function parseMonth(text: string): string | undefined | null {
  if (text === "") return undefined;
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const day = m ? makeDay(Number(m[2]), Number(m[1]), 1) : null;
  return day ? day.slice(0, 7) : null;
}

const feature = new Composer<BotContext>();

feature.command("summary", async (ctx) => {
  const month = parseMonth(ctx.payload.trim());
  if (month === null) return ctx.reply(t.summaryUsage);
  const cycle = await loadCycle(ctx.app.db, ctx.app.today(), month);
  if (!cycle) return ctx.reply(t.noBriefing(month ?? null));
  await deliverSummary(ctx.app, ctx.telegram, member(ctx), compileSummaryFor(cycle, overseenCodes(member(ctx))));
});

export const summaryFeature = door(READERS, { commands: ["summary"], actions: [] }, feature);
