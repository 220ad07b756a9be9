import type { Telegram } from "telegraf";
import type { App } from "../app.js";
import type { Db } from "../db/client.js";
import { cycleOfMonth, latestCycle } from "../db/cycles.js";
import { listUnits } from "../db/org.js";
import { findTasks, toTaskView } from "../db/tasks.js";
import type { Summary, SummaryInput } from "../domain/summary/compile.js";
import { renderSummaryText } from "../domain/summary/render.js";
import { splitMessage } from "../domain/text.js";
import { renderSummaryDocx } from "../documents/summaryDocx.js";
import { bot as t, summary as summaryText } from "../messages/index.js";
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

interface Recipient {
  id: number;
  chatId: string;
  reachable: boolean;
}

/**
 * Sends the summary as text (split under Telegram's limit) and as a .docx. The first part decides
 * whether the chat is reachable; a later failure is logged (sendTo) and never thrown, so a digest
 * run goes on to the next recipient; a failed .docx is said, the text has already gone.
 */
export async function deliverSummary(app: App, telegram: Telegram, to: Recipient, summary: Summary, intro?: string): Promise<SendResult> {
  const text = (intro ? `${intro}\n\n` : "") + renderSummaryText(summary);
  const [first, ...rest] = splitMessage(text);
  const result = await sendTo(app, telegram, to, first!);
  if (!result.ok) return result;
  for (const part of rest) {
    const next = await sendTo(app, telegram, to, part);
    if (!next.ok) return result;
  }
  try {
    const source = await renderSummaryDocx(summary);
    await telegram.sendDocument(
      to.chatId,
      { source, filename: summaryText.document.fileName(summary.month) },
      { caption: t.summaryDocCaption(summary.month) },
    );
  } catch (e) {
    app.log.error("summary .docx not sent", e);
    await sendTo(app, telegram, to, t.docxFailed);
  }
  return result;
}
