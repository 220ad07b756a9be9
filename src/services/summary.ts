import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import type { Db } from "../db/client.js";
import { cycleOfMonth, latestCycle } from "../db/cycles.js";
import { listUnits, loadOrg } from "../db/org.js";
import { findTasks, toTaskView } from "../db/tasks.js";
import type { Summary, SummaryInput } from "../domain/summary/compile.js";
import { buildChartIsolated, buildReportIsolated, type ReportInput } from "../documents/report/build.js";
import { reportHead } from "../documents/report/head.js";
import { summaryMessage } from "../documents/report/message.js";
import { summaryKeyboard } from "../bot/keyboards/summary.js";
import { bot as t, summary as summaryText } from "../messages/index.js";
import { formatDay, formatMonth } from "../domain/calendar.js";
import { sendTo, type SendResult } from "./send.js";

/**
 * A month's cycle as the summary reads it (default: the latest cycle started by today), or null
 * when there is none. Loaded once; each reader's summary is compiled from it.
 */
export async function loadCycle(db: Db, today: string, month?: string): Promise<SummaryInput | null> {
  const cycle = month ? await cycleOfMonth(db, month) : await latestCycle(db, today);
  if (!cycle) return null;
  const tasks = await findTasks(db, { cycleId: cycle.id });
  return { month: cycle.start.slice(0, 7), today, units: await listUnits(db), tasks: tasks.map(toTaskView) };
}

/** What the report's files need besides the summary: the org's header and each part's history count. */
export async function reportInput(db: Db, summary: Summary): Promise<ReportInput> {
  const taskIds = summary.tasks.map((k) => k.task.id);
  const [org, counts] = await Promise.all([
    loadOrg(db),
    // One grouped query per 500 tasks: SQLite binds at most 999 values a statement.
    Promise.all(chunks(taskIds, 500).map((ids) => db.taskEvent.groupBy({ by: ["partId"], where: { taskId: { in: ids }, partId: { not: null } }, _count: { _all: true } }))),
  ]);
  const events = Object.fromEntries(counts.flat().map((c) => [c.partId!, c._count._all]));
  return { summary, head: reportHead(org), events };
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

interface Recipient {
  id: number;
  chatId: string;
  reachable: boolean;
}

/**
 * Sends the summary: its chart, then the one message with the buttons that open the rest. The
 * message decides whether the chat is reachable; a chart that could not be drawn or sent is
 * logged and left out, never thrown, so a digest run goes on to the next recipient.
 */
export async function deliverSummary(app: App, telegram: Telegram, to: Recipient, summary: Summary, intro?: string): Promise<SendResult> {
  try {
    const chart = await buildChartIsolated(summary);
    await telegram.sendPhoto(to.chatId, { source: chart, filename: "chart.png" }, { caption: summaryText.chart.caption(formatMonth(summary.month), formatDay(summary.today)) });
  } catch (e) {
    app.log.warn(`summary chart not sent: ${(e as Error).message}`);
  }
  return sendTo(app, telegram, to, summaryMessage(summary, intro), summaryKeyboard(summary));
}

/** The report (.docx) or the register (.xlsx) of `summary`, sent as a document to `chatId`. */
export async function sendReportFile(app: App, telegram: Telegram, chatId: string, summary: Summary, kind: "docx" | "xlsx"): Promise<void> {
  const source = await buildReportIsolated(kind, await reportInput(app.db, summary));
  const [filename, caption] =
    kind === "docx"
      ? [summaryText.document.fileName(summary.month), t.summaryDocCaption(summary.month)]
      : [summaryText.register.fileName(summary.month), summaryText.register.caption(formatMonth(summary.month))];
  await telegram.sendDocument(chatId, { source, filename }, { caption });
}
