// Tasks in: the secretary sends the conclusion notice (a .docx or .txt file, or pasted text in one
// or several messages); it is read into a draft (./draft.ts), corrected, and stored only on «Lưu».
import { Composer, Markup } from "telegraf";
import type { Message } from "telegraf/types";
import { splitMessage } from "../../domain/text.js";
import { readNoticeBounded } from "../../documents/boundedRead.js";
import { bot as t, intake } from "../../messages/index.js";
import { openDraft } from "../../services/intake.js";
import { importData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { answers } from "../dialogue.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";
import { Refusal } from "../refusal.js";
import { showDraft } from "./draft.js";

/** A notice is a few pages; anything far longer is not one. */
export const MAX_NOTICE_CHARS = 200_000;
const MAX_FILE_MB = 5;

/** Reads the notice into a draft and shows it; what is not a notice, or is stored already, is said so. */
async function startDraft(ctx: BotContext, text: string) {
  ctx.session.step = undefined;
  const opened = await openDraft(ctx.app.db, text, member(ctx).id);
  if (opened.ok) return showDraft(ctx, opened.row);
  if (opened.reason === "refused") return ctx.reply(intake.refused(opened.check));
  for (const part of splitMessage(`${intake.preview(opened.parsed, opened.units)}\n\n${intake.notANotice}`)) await ctx.reply(part);
}

/** The text of a notice sent as a file; a file that cannot be one is refused with the reason. */
async function readDocument(ctx: BotContext, doc: Message.DocumentMessage["document"]): Promise<string> {
  const name = doc.file_name ?? "";
  if (!/\.(docx|txt)$/i.test(name)) throw new Refusal(t.fileUnsupported);
  if ((doc.file_size ?? 0) > MAX_FILE_MB * 1024 * 1024) throw new Refusal(t.fileTooBig(MAX_FILE_MB));
  let buffer: Buffer;
  try {
    const response = await fetch(await ctx.telegram.getFileLink(doc.file_id));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    buffer = Buffer.from(await response.arrayBuffer());
  } catch (e) {
    ctx.app.log.warn(`notice download failed: ${(e as Error).message}`);
    throw new Refusal(t.downloadFailed);
  }
  // Measured before it is inflated, read in a worker with a memory ceiling and a time limit.
  const read = await readNoticeBounded(name, buffer);
  if (read.ok) return read.text;
  ctx.app.log.warn(`notice file refused: ${read.reason} (${read.detail})`);
  throw new Refusal(t.noticeFile[read.reason]);
}

const feature = new Composer<BotContext>();

feature.command("import", async (ctx) => {
  ctx.session.step = { kind: "import", parts: [] };
  await ctx.reply(t.importHow, Markup.inlineKeyboard([Markup.button.callback(t.importPreviewButton, importData.pack({ action: "preview" }))]));
});

// A document from staff is always a notice to import, with or without /import first.
feature.on("document", async (ctx) => {
  const text = await readDocument(ctx, ctx.message.document);
  if (text.length > MAX_NOTICE_CHARS) return ctx.reply(t.tooLong(MAX_NOTICE_CHARS));
  await startDraft(ctx, text);
});

feature.use(
  answers("import", async (ctx, step, text) => {
    const parts = [...step.parts, text];
    const chars = parts.reduce((n, p) => n + p.length, 0);
    if (chars > MAX_NOTICE_CHARS) {
      ctx.session.step = undefined;
      return ctx.reply(t.tooLong(MAX_NOTICE_CHARS));
    }
    ctx.session.step = { kind: "import", parts };
    await ctx.reply(t.importPart(parts.length, chars), Markup.inlineKeyboard([Markup.button.callback(t.importPreviewButton, importData.pack({ action: "preview" }))]));
  }),
);

feature.action(importData.match, async (ctx) => {
  const step = ctx.session.step;
  if (step?.kind !== "import") return ctx.reply(t.importExpired);
  if (step.parts.join("").trim() === "") return ctx.reply(t.importEmpty);
  // Reading a long paste into a draft can outlast Telegram's answer limit: answered first, the draft follows as a message.
  await ctx.answerCbQuery(t.importReading);
  // Telegram splits a long paste into several messages; joined back, it is one text again.
  await startDraft(ctx, step.parts.join("\n"));
});

export const importFeature = door(STAFF, { commands: ["import"], actions: [importData.match] }, feature);
