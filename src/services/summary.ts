import type { App } from "../app.js";
import { chunks } from "../db/batches.js";
import type { Db } from "../db/client.js";
import { cycleOfMonth, latestCycle } from "../db/cycles.js";
import { listUnits, loadOrg } from "../db/org.js";
import { findTasks, toTaskView } from "../db/tasks.js";
import type { Summary, SummaryInput } from "../domain/summary/compile.js";
import { buildChartIsolated, buildReportIsolated, type ReportInput } from "../documents/report/build.js";
import { reportHead } from "../documents/report/head.js";
import { summaryMessage } from "../documents/report/message.js";
import { summaryKeyboard } from "../views/summaryKeyboard.js";
import { bot as t, summary as summaryText } from "../messages/index.js";
import { formatDay, formatMonth } from "../domain/calendar.js";
import type { Outgoing } from "../db/outbox.js";

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
    Promise.all(chunks(taskIds).map((ids) => db.taskEvent.groupBy({ by: ["partId"], where: { taskId: { in: ids }, partId: { not: null } }, _count: { _all: true } }))),
  ]);
  const events = Object.fromEntries(counts.flat().map((c) => [c.partId!, c._count._all]));
  return { summary, head: reportHead(org), events };
}

/** The summary's chart (PNG), drawn in a worker; null when it could not be drawn (logged: the message goes on without it). */
export async function summaryChart(app: App, summary: Summary): Promise<Buffer | null> {
  try {
    return await buildChartIsolated(summary);
  } catch (e) {
    app.log.warn(`summary chart not drawn: ${(e as Error).message}`);
    return null;
  }
}

export const chartCaption = (summary: Summary) => summaryText.chart.caption(formatMonth(summary.month), formatDay(summary.today));

/** The report (.docx) or the register (.xlsx) of `summary`, built in a worker, with its file name and caption. */
export async function reportFile(app: App, summary: Summary, kind: "docx" | "xlsx") {
  const content = await buildReportIsolated(kind, await reportInput(app.db, summary));
  const [name, caption] =
    kind === "docx"
      ? [summaryText.document.fileName(summary.month), t.summaryDocCaption(summary.month)]
      : [summaryText.register.fileName(summary.month), summaryText.register.caption(formatMonth(summary.month))];
  return { content, name, caption };
}

/** The summary as the outbox sends it unasked: its chart, then the one message with its buttons. */
export async function summaryMessages(app: App, base: Omit<Outgoing, "text" | "markup" | "file" | "format" | "key">, key: string, summary: Summary, intro?: string): Promise<Outgoing[]> {
  const chart = await summaryChart(app, summary);
  return [
    ...(chart ? [{ ...base, key: `${key}:chart`, format: "photo" as const, file: { name: "chart.png", content: chart }, text: chartCaption(summary) }] : []),
    { ...base, key: `${key}:text`, text: summaryMessage(summary, intro), markup: summaryKeyboard(summary) },
  ];
}
