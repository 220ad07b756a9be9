// Tasks in: the secretary sends the conclusion notice (a .docx or .txt file, or pasted text in one
// or several messages), sees a preview, and the tasks are stored only on confirmation.
import { Composer, Markup } from "telegraf";
import type { Message } from "telegraf/types";
import { unitHeads } from "../../db/members.js";
import { countPartsByUnit } from "../../db/tasks.js";
import { splitMessage } from "../../domain/text.js";
import { NoticeFileError, readNoticeFile } from "../../documents/readDocx.js";
import { bot as t, intake } from "../../messages/index.js";
import { commitImport, prepareImport, readNotice } from "../../services/intake.js";
import { sendTo } from "../../services/send.js";
import { importData } from "../callback-data/index.js";
import { member, type BotContext } from "../context.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";
import { Refusal } from "../refusal.js";

/** A notice is a few pages; anything far longer is not one. */
export const MAX_NOTICE_CHARS = 200_000;
const MAX_FILE_MB = 5;

async function showPreview(ctx: BotContext, text: string) {
  const prepared = await prepareImport(ctx.app.db, text, ctx.app.today());
  const preview = intake.preview(prepared.parsed, prepared.units);
  if (!prepared.ok) {
    ctx.session.step = undefined;
    for (const part of splitMessage(`${preview}\n\n${intake.notANotice}`)) await ctx.reply(part);
    return;
  }
  if (!prepared.check.ok) {
    ctx.session.step = undefined;
    return ctx.reply(intake.refused(prepared.check));
  }
  ctx.session.step = { kind: "import_preview", text };
  const carry = prepared.carryOver.length;
  // A notice whose period has passed is stored only as a late entry, on its own button.
  const save = prepared.stale ? [] : carry > 0 ? [[Markup.button.callback(t.importSaveCarry(carry), importData.pack({ action: "ok" }))], [Markup.button.callback(t.importSaveClose(carry), importData.pack({ action: "close" }))]] : [[Markup.button.callback(t.importSave, importData.pack({ action: "ok" }))]];
  const buttons = [
    ...save,
    ...(prepared.stale ? [[Markup.button.callback(t.importSaveLate, importData.pack({ action: "late" }))]] : []),
    [Markup.button.callback(t.importCancel, importData.pack({ action: "cancel" }))],
  ];
  const notes = [prepared.stale ? intake.staleWarning(prepared.parsed.notice.period.end) : "", carry > 0 ? intake.carryOverOffer(carry) : ""];
  const parts = splitMessage([preview, ...notes, t.importConfirmHint].filter(Boolean).join("\n\n"));
  for (const [i, part] of parts.entries()) await ctx.reply(part, i === parts.length - 1 ? Markup.inlineKeyboard(buttons) : undefined);
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
  try {
    return await readNoticeFile(name, buffer);
  } catch (e) {
    throw e instanceof NoticeFileError ? new Refusal(t.noticeFile[e.kind]) : e;
  }
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
  await showPreview(ctx, text);
});

feature.on("text", async (ctx, next) => {
  const step = ctx.session.step;
  if (step?.kind !== "import" || ctx.message.text.startsWith("/")) return next();
  const parts = [...step.parts, ctx.message.text];
  const chars = parts.reduce((n, p) => n + p.length, 0);
  if (chars > MAX_NOTICE_CHARS) {
    ctx.session.step = undefined;
    return ctx.reply(t.tooLong(MAX_NOTICE_CHARS));
  }
  ctx.session.step = { kind: "import", parts };
  await ctx.reply(t.importPart(parts.length, chars), Markup.inlineKeyboard([Markup.button.callback(t.importPreviewButton, importData.pack({ action: "preview" }))]));
});

feature.action(importData.match, async (ctx) => {
  const { action } = importData.unpack(ctx.match);
  const step = ctx.session.step;
  await ctx.answerCbQuery();
  if (action === "cancel") {
    ctx.session.step = undefined;
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    return ctx.reply(t.cancelled);
  }
  if (action === "preview") {
    if (step?.kind !== "import") return ctx.reply(t.importExpired);
    if (step.parts.join("").trim() === "") return ctx.reply(t.importEmpty);
    // Telegram splits a long paste into several messages; joined back, it is one text again.
    return showPreview(ctx, step.parts.join("\n"));
  }
  if (step?.kind !== "import_preview") return ctx.reply(t.importExpired);
  ctx.session.step = undefined;
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  const read = await readNotice(ctx.app.db, step.text);
  if (!read.ok) return ctx.reply(intake.notANotice);
  const decision = action === "close" ? { carry: false, reason: intake.closedReason } : { carry: true };
  const result = await commitImport(ctx.app.db, read, { memberId: member(ctx).id, decision, late: action === "late", at: ctx.app.clock(), today: ctx.app.today() });
  if (!result.stored) return ctx.reply("stale" in result ? intake.staleRefused : intake.refused(result.check));
  await ctx.reply(intake.stored(result.created, result.parts, result.key, result.carried, result.closed));
  await announceToUnitHeads(ctx, result.cycleId, result.key);
});

/** Each unit head hears, once the notice is stored, how many tasks the unit has this cycle. */
async function announceToUnitHeads(ctx: BotContext, cycleId: number, key: string) {
  for (const { unitId, count } of await countPartsByUnit(ctx.app.db, { task: { cycleId } })) {
    for (const head of await unitHeads(ctx.app.db, unitId)) {
      await sendTo(ctx.app, ctx.telegram, head, t.newCycleForUnit(count, key));
    }
  }
}

export const importFeature = door(STAFF, { commands: ["import"], actions: [importData.match] }, feature);
