// /summary [mm/yyyy]: the briefing summary for the director, deputies (of the units they oversee)
// and secretaries: a chart and one message; its buttons open a status group, a unit, or send the
// report (.docx) and the register (.xlsx). Lists page in place.
import { Composer } from "telegraf";
import { overseenCodes } from "../../db/members.js";
import { makeDay } from "../../domain/calendar.js";
import { SUMMARY_GROUPS, compileSummaryFor, type Summary, type SummaryGroup } from "../../domain/summary/compile.js";
import { groupPage, summaryMessage, unitPage, type ListPage } from "../../documents/report/message.js";
import { bot as t, summary as s } from "../../messages/index.js";
import { chartCaption, loadCycle, reportFile, summaryChart } from "../../services/summary.js";
import type { Keyboard } from "../../views/partList.js";
import { listKeyboard, monthOfNumber, summaryData, summaryKeyboard, unitPickerKeyboard, type SummaryView } from "../../views/summaryKeyboard.js";
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
  const chart = await summaryChart(ctx.app, summary);
  if (chart) await ctx.replyWithPhoto({ source: chart, filename: "chart.png" }, { caption: chartCaption(summary) });
  await ctx.reply(summaryMessage(summary), { reply_markup: summaryKeyboard(summary) });
});

/** A list page: a new message when opened from the summary, the same message when paged. */
async function showList(ctx: BotContext, edit: boolean, list: ListPage, keyboard: Keyboard) {
  if (edit) await ctx.editMessageText(list.text, { reply_markup: keyboard });
  else await ctx.reply(list.text, { reply_markup: keyboard });
}

feature.action(summaryData.match, async (ctx) => {
  const { month, view, arg, page, edit } = summaryData.unpack(ctx.match);
  const summary = await summaryFor(ctx, monthOfNumber(month));
  if (!summary) return ctx.answerCbQuery(s.gone, { show_alert: true });
  switch (view as SummaryView) {
    case "units":
      return edit ? ctx.editMessageText(s.pickUnit, { reply_markup: unitPickerKeyboard(summary, page) }) : ctx.reply(s.pickUnit, { reply_markup: unitPickerKeyboard(summary, page) });
    case "unit": {
      const list = unitPage(summary, arg, page);
      if (!list) return ctx.answerCbQuery(t.notAllowed, { show_alert: true });
      return showList(ctx, edit === 1, list, listKeyboard(summary.month, "unit", arg, list));
    }
    case "group": {
      if (!SUMMARY_GROUPS.includes(arg as SummaryGroup)) return ctx.answerCbQuery(t.staleButton);
      const list = groupPage(summary, arg as SummaryGroup, page);
      return showList(ctx, edit === 1, list, listKeyboard(summary.month, "group", arg, list));
    }
    case "docx":
    case "xlsx":
      // Building a file can outlast Telegram's answer limit: answered first, the file follows as a message.
      await ctx.answerCbQuery(s.building);
      try {
        const file = await reportFile(ctx.app, summary, view as "docx" | "xlsx");
        await ctx.replyWithDocument({ source: file.content, filename: file.name }, { caption: file.caption });
      } catch (e) {
        ctx.app.log.error(`summary ${view} not sent`, e);
        await ctx.reply(s.fileFailed);
      }
      return;
    default:
      return ctx.answerCbQuery(t.staleButton);
  }
});

export const summaryFeature = door(READERS, { commands: ["summary"], actions: [summaryData.match] }, feature);
