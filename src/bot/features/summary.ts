// /summary [mm/yyyy]: the briefing summary for the director, deputies (of the units they oversee)
// and secretaries: a chart and one message; its buttons open a status group, a unit, or send the
// report (.docx) and the register (.xlsx). Lists page in place.
import { Composer } from "telegraf";
import { overseenCodes } from "../../db/members.js";
import { makeDay } from "../../domain/calendar.js";
import { SUMMARY_GROUPS, compileSummaryFor, type Summary, type SummaryGroup } from "../../domain/summary/compile.js";
import { groupPage, unitPage, type ListPage } from "../../documents/report/message.js";
import { bot as t, summary as s } from "../../messages/index.js";
import { deliverSummary, loadCycle, sendReportFile } from "../../services/summary.js";
import { listKeyboard, monthOfNumber, summaryData, unitPickerKeyboard, type SummaryView } from "../keyboards/summary.js";
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

/** The reader's summary of `month` as of today, or null when the month has no cycle. */
async function summaryFor(ctx: BotContext, month: string | undefined): Promise<Summary | null> {
  const cycle = await loadCycle(ctx.app.db, ctx.app.today(), month);
  return cycle && compileSummaryFor(cycle, overseenCodes(member(ctx)));
}

const feature = new Composer<BotContext>();

feature.command("summary", async (ctx) => {
  const month = parseMonth(ctx.payload.trim());
  if (month === null) return ctx.reply(t.summaryUsage);
  const summary = await summaryFor(ctx, month);
  if (!summary) return ctx.reply(t.noBriefing(month ?? null));
  await deliverSummary(ctx.app, ctx.telegram, member(ctx), summary);
});

/** A list page: a new message when opened from the summary, the same message when paged. */
async function showList(ctx: BotContext, edit: boolean, list: ListPage, keyboard: ReturnType<typeof listKeyboard>) {
  await ctx.answerCbQuery();
  if (edit) await ctx.editMessageText(list.text, keyboard);
  else await ctx.reply(list.text, keyboard);
}

feature.action(summaryData.match, async (ctx) => {
  const { month, view, arg, page, edit } = summaryData.unpack(ctx.match);
  const summary = await summaryFor(ctx, monthOfNumber(month));
  if (!summary) return ctx.answerCbQuery(s.gone, { show_alert: true });
  switch (view as SummaryView) {
    case "units":
      await ctx.answerCbQuery();
      return edit ? ctx.editMessageText(s.pickUnit, unitPickerKeyboard(summary, page)) : ctx.reply(s.pickUnit, unitPickerKeyboard(summary, page));
    case "unit": {
      const list = unitPage(summary, arg, page);
      if (!list) return ctx.answerCbQuery(t.notAllowed, { show_alert: true });
      return showList(ctx, edit === 1, list, listKeyboard(summary.month, "unit", arg, list));
    }
    case "group": {
      if (!SUMMARY_GROUPS.includes(arg as SummaryGroup)) return ctx.answerCbQuery();
      const list = groupPage(summary, arg as SummaryGroup, page);
      return showList(ctx, edit === 1, list, listKeyboard(summary.month, "group", arg, list));
    }
    case "docx":
    case "xlsx":
      await ctx.answerCbQuery(s.building);
      try {
        await sendReportFile(ctx.app, ctx.telegram, String(ctx.chat!.id), summary, view as "docx" | "xlsx");
      } catch (e) {
        ctx.app.log.error(`summary ${view} not sent`, e);
        await ctx.reply(s.fileFailed);
      }
      return;
    default:
      return ctx.answerCbQuery();
  }
});

export const summaryFeature = door(READERS, { commands: ["summary"], actions: [summaryData.match] }, feature);
