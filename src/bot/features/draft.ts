// The import draft in chat: the secretary reads what the notice was read into, page by page, and
// corrects it before saving: places the lines the importer could not place (suggested units as
// buttons), changes a task's units and their parts, its text or its deadline, drops a task, adds
// one that was missed. The draft lives in the database (it survives a restart) and «Lưu» stores
// exactly it, once. Every view is the same message, redrawn.
import { Composer, Markup } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import { changeDraft, discardDraft, findDraft, type DraftRow } from "../../db/drafts.js";
import { listUnits } from "../../db/org.js";
import { parseVnDate } from "../../domain/calendar.js";
import { cycleRole, MAX_DRAFT_TEXT, roleIn, type DraftChange } from "../../domain/draft.js";
import type { UnitInfo } from "../../domain/types.js";
import { bot as t, draft as d, intake } from "../../messages/index.js";
import { draftContext, saveDraft } from "../../services/intake.js";
import { draftData } from "../../views/callbackData.js";
import { member, type BotContext } from "../context.js";
import { answers } from "../dialogue.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";
import { unitRows, UNITS_PER_PAGE } from "../keyboards/units.js";
import { Refusal } from "../refusal.js";

/** Tasks a page of the draft shows. */
const TASKS_PER_PAGE = 5;

type View =
  | { kind: "home" }
  | { kind: "tasks"; page: number }
  | { kind: "task"; index: number }
  | { kind: "units"; index: number; page: number }
  | { kind: "line"; index: number }
  | { kind: "lineUnits"; index: number; page: number }
  | { kind: "addUnits"; page: number }
  | { kind: "carry"; page: number };

const pack = (id: number, action: string, a = 0, b = 0) => draftData.pack({ id, action, a, b });
const button = (label: string, id: number, action: string, a = 0, b = 0) => Markup.button.callback(label, pack(id, action, a, b));

/** Previous/next page buttons, when there is more than one page. */
function pager(id: number, action: string, page: number, pages: number, a = 0): InlineKeyboardButton[] {
  const row: InlineKeyboardButton[] = [];
  if (page > 0) row.push(button(t.previousPage, id, action, a, page - 1));
  if (page < pages - 1) row.push(button(t.nextPage, id, action, a, page + 1));
  return row;
}

async function render(ctx: BotContext, row: DraftRow, view: View, units: UnitInfo[]): Promise<{ text: string; keyboard: InlineKeyboardButton[][] }> {
  const { id, draft } = row;
  switch (view.kind) {
    case "home": {
      const c = await draftContext(ctx.app.db, row, ctx.app.today());
      const carry = c.carryOver.length;
      const doubts = draft.doubts ?? [];
      const notes = [
        ...(c.stale ? [intake.staleWarning(draft.notice.period.end)] : []),
        ...(carry > 0 ? [intake.carryOverOffer(carry)] : []),
        ...(c.check.ok ? [] : [intake.refused(c.check)]),
      ];
      const closing = (draft.close ?? []).filter((taskId) => c.carryOver.some((x) => x.id === taskId)).length;
      // A notice that looks like another body's is saved only by a button that says so.
      const save = !c.check.ok ? [] : doubts.length ? [[button(t.importSaveDoubted, id, c.stale ? "L" : "s")]] : c.stale ? [[button(t.importSaveLate, id, "L")]] : carry > 0 ? [[button(closing ? t.importSaveSome(carry - closing, closing) : t.importSaveCarry(carry), id, "s")], [button(t.importSaveClose(carry), id, "c")]] : [[button(t.importSave, id, "s")]];
      const browse = [button(d.tasksButton(draft.tasks.length), id, "v"), ...(draft.unplaced.length ? [button(d.linesButton(draft.unplaced.length), id, "l")] : [])];
      const edit = [button(d.addButton, id, "n"), ...(carry > 0 && !c.stale ? [button(d.carryButton(carry), id, "w")] : [])];
      const keyboard = [browse, edit, ...save, [button(t.importCancel, id, "X")]];
      return { text: [...doubts.map(intake.finding), d.header(draft, units, notes)].join("\n\n"), keyboard };
    }
    case "tasks": {
      const pages = Math.max(1, Math.ceil(draft.tasks.length / TASKS_PER_PAGE));
      const page = Math.min(view.page, pages - 1);
      const first = page * TASKS_PER_PAGE;
      const numbers = draft.tasks.slice(first, first + TASKS_PER_PAGE).map((_, i) => button(String(first + i + 1), id, "t", first + i));
      const nav = [...pager(id, "v", page, pages), button(d.backToDraft, id, "h")];
      return { text: d.taskPage(draft, first, TASKS_PER_PAGE), keyboard: [numbers, nav] };
    }
    case "task": {
      const task = draft.tasks[view.index];
      if (!task) return render(ctx, row, { kind: "tasks", page: 0 }, units);
      const i = view.index;
      const keyboard = [
        [button(d.unitsButton, id, "u", i), button(d.textButton, id, "x", i)],
        [button(d.deadlineButton, id, "d", i), button(d.dropButton, id, "r", i)],
        [button(d.backToList, id, "v", 0, Math.floor(i / TASKS_PER_PAGE))],
      ];
      return { text: d.taskCard(task, i), keyboard };
    }
    case "units": {
      const task = draft.tasks[view.index];
      if (!task) return render(ctx, row, { kind: "tasks", page: 0 }, units);
      const rows = unitRows(units, view.page, (u) => d.unitLabel(u.code, roleIn(task, u.code)), (u) => pack(id, "k", view.index, u), (p) => pack(id, "u", view.index, p));
      return { text: d.unitsHelp(task, view.index), keyboard: [...rows, [button(d.done, id, "t", view.index)]] };
    }
    case "line": {
      const line = draft.unplaced[view.index];
      if (!line) return draft.unplaced.length ? render(ctx, row, { kind: "line", index: 0 }, units) : { text: d.noLines, keyboard: [[button(d.backToDraft, id, "h")]] };
      const suggested = units.filter((u) => line.suggestedUnits.includes(u.code)).slice(0, 3);
      const keyboard = [
        ...suggested.map((u) => [button(d.assignTo(u.code), id, "q", view.index, units.indexOf(u))]),
        [button(d.otherUnit, id, "o", view.index), button(d.dismiss, id, "z", view.index)],
        [...pager(id, "l", view.index, draft.unplaced.length), button(d.backToDraft, id, "h")],
      ];
      return { text: d.lineCard(line.text, view.index, draft.unplaced.length, suggested), keyboard };
    }
    case "lineUnits": {
      const line = draft.unplaced[view.index];
      if (!line) return render(ctx, row, { kind: "line", index: 0 }, units);
      return { text: `${d.lineCard(line.text, view.index, draft.unplaced.length, [])}\n\n${d.pickLead}`, keyboard: [...unitRows(units, view.page, (u) => u.code, (u) => pack(id, "q", view.index, u), (p) => pack(id, "o", view.index, p)), [button(d.backToDraft, id, "h")]] };
    }
    case "carry": {
      const c = await draftContext(ctx.app.db, row, ctx.app.today());
      const pages = Math.max(1, Math.ceil(c.carryOver.length / TASKS_PER_PAGE));
      const page = Math.min(view.page, pages - 1);
      const shown = c.carryOver.slice(page * TASKS_PER_PAGE, (page + 1) * TASKS_PER_PAGE);
      const closing = new Set(draft.close ?? []);
      const items = shown.map((task, i) => ({ number: page * TASKS_PER_PAGE + i + 1, id: task.id, content: task.content, carry: !closing.has(task.id) }));
      const numbers = items.map((x) => button(String(x.number), id, "y", x.id, page));
      return { text: d.carryPage(items, c.carryOver.length), keyboard: [numbers, [...pager(id, "w", page, pages), button(d.backToDraft, id, "h")]] };
    }
    case "addUnits":
      return { text: d.pickLead, keyboard: [...unitRows(units, view.page, (u) => u.code, (u) => pack(id, "a", 0, u), (p) => pack(id, "n", 0, p)), [button(t.importCancel, id, "h")]] };
  }
}

/** Sends a draft view as a new message (after a typed answer) or redraws the pressed one. */
export async function showDraft(ctx: BotContext, row: DraftRow, view: View = { kind: "home" }, mode: "send" | "edit" = "send") {
  const { text, keyboard } = await render(ctx, row, view, await listUnits(ctx.app.db));
  if (mode === "send") return ctx.reply(text, Markup.inlineKeyboard(keyboard));
  await ctx.editMessageText(text, Markup.inlineKeyboard(keyboard)).catch((e: Error) => {
    if (!/not modified/i.test(e.message)) throw e;
  });
}

async function openDraftRow(ctx: BotContext, id: number): Promise<DraftRow> {
  const row = await findDraft(ctx.app.db, id);
  if (!row || row.state !== "open") throw new Refusal(d.refusal.closed);
  return row;
}

async function change(ctx: BotContext, id: number, c: DraftChange): Promise<DraftRow> {
  const units = (await listUnits(ctx.app.db)).map((u) => u.code);
  const result = await changeDraft(ctx.app.db, id, c, units);
  if (!result.ok) throw new Refusal(d.refusal[result.reason]);
  return result.row;
}

async function save(ctx: BotContext, id: number, action: "s" | "c" | "L") {
  const row = await findDraft(ctx.app.db, id);
  const decision = action === "c" ? { carry: false, reason: intake.closedReason } : { carry: true, except: row?.draft.close ?? [], reason: intake.closedReason };
  const result = await saveDraft(ctx.app.db, id, { memberId: member(ctx).id, decision, late: action === "L", at: ctx.app.clock(), today: ctx.app.today() });
  if (!result.stored) return ctx.answerCbQuery(intake.notStored(result), { show_alert: true });
  ctx.session.step = undefined;
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  await ctx.reply(intake.stored(result.created, result.parts, result.support, result.key, result.carried, result.closed));
  ctx.app.wakeSender();
}

const feature = new Composer<BotContext>();

feature.action(draftData.match, async (ctx) => {
  const { id, action, a, b } = draftData.unpack(ctx.match);
  if (action === "s" || action === "c" || action === "L") return save(ctx, id, action);
  if (action === "X") {
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    return ctx.reply((await discardDraft(ctx.app.db, id)) ? d.discarded : d.refusal.closed);
  }
  let row = await openDraftRow(ctx, id);
  const ask = async (step: NonNullable<BotContext["session"]["step"]>, question: string) => {
    ctx.session.step = step;
    return ctx.reply(question, { reply_markup: { force_reply: true } });
  };
  const views: Record<string, () => View | Promise<View>> = {
    h: () => ({ kind: "home" }),
    v: () => ({ kind: "tasks", page: b }),
    t: () => ({ kind: "task", index: a }),
    u: () => ({ kind: "units", index: a, page: b }),
    l: () => ({ kind: "line", index: b }),
    o: () => ({ kind: "lineUnits", index: a, page: b }),
    n: () => ({ kind: "addUnits", page: b }),
    k: async () => {
      const task = row.draft.tasks[a];
      const code = (await listUnits(ctx.app.db))[b]?.code;
      if (!task || !code) throw new Refusal(d.refusal.no_such_task);
      row = await change(ctx, id, { op: "units", task: a, ...cycleRole(task, code) });
      return { kind: "units", index: a, page: Math.floor(b / UNITS_PER_PAGE) };
    },
    q: async () => {
      const code = (await listUnits(ctx.app.db))[b]?.code;
      row = await change(ctx, id, { op: "place", line: a, lead: code ? [code] : [] });
      return { kind: "line", index: a };
    },
    z: async () => {
      row = await change(ctx, id, { op: "dismiss", line: a });
      return { kind: "line", index: a };
    },
    w: () => ({ kind: "carry", page: b }),
    y: async () => {
      row = await change(ctx, id, { op: "carry", taskId: a, carry: (row.draft.close ?? []).includes(a) });
      return { kind: "carry", page: b };
    },
    r: async () => {
      row = await change(ctx, id, { op: "drop", task: a });
      await ctx.reply(d.dropped(a));
      return { kind: "tasks", page: Math.floor(a / TASKS_PER_PAGE) };
    },
  };
  if (action === "x") return ask({ kind: "draft_text", draftId: id, index: a }, d.askText(a));
  if (action === "d") return ask({ kind: "draft_deadline", draftId: id, index: a }, d.askDeadline(a));
  if (action === "n" && !(ctx.session.step?.kind === "draft_add_unit" && ctx.session.step.draftId === id)) return ask({ kind: "draft_add", draftId: id }, d.askNewTask);
  if (action === "a") {
    const step = ctx.session.step;
    const code = (await listUnits(ctx.app.db))[b]?.code;
    if (step?.kind !== "draft_add_unit" || step.draftId !== id || !code) return ctx.answerCbQuery(t.staleButton);
    ctx.session.step = undefined;
    row = await change(ctx, id, { op: "add", content: step.content, lead: [code] });
    return showDraft(ctx, row, { kind: "task", index: row.draft.tasks.length - 1 }, "edit");
  }
  const view = views[action];
  if (!view) return ctx.answerCbQuery(t.staleButton);
  const next = await view();
  await showDraft(ctx, row, next, "edit");
});

// Typed answers: a task's new text or deadline, the text of a task to add.
feature.use(
  answers("draft_text", async (ctx, step, text) => {
    if (text.length < 5) return ctx.reply(t.contentTooShort);
    if (text.length > MAX_DRAFT_TEXT) return ctx.reply(t.tooLong(MAX_DRAFT_TEXT));
    ctx.session.step = undefined;
    await showDraft(ctx, await change(ctx, step.draftId, { op: "text", task: step.index, content: text }), { kind: "task", index: step.index });
  }),
  answers("draft_deadline", async (ctx, step, text) => {
    const none = /^(không|khong|ko|mặc định)$/i.test(text);
    const day = none ? null : parseVnDate(text);
    if (!none && !day) return ctx.reply(t.badDate);
    const result = await changeDraft(ctx.app.db, step.draftId, { op: "deadline", task: step.index, deadline: day }, (await listUnits(ctx.app.db)).map((u) => u.code));
    if (!result.ok) return ctx.reply(d.refusal[result.reason]);
    ctx.session.step = undefined;
    await showDraft(ctx, result.row, { kind: "task", index: step.index });
  }),
  answers("draft_add", async (ctx, step, text) => {
    if (text.length < 5) return ctx.reply(t.contentTooShort);
    if (text.length > MAX_DRAFT_TEXT) return ctx.reply(t.tooLong(MAX_DRAFT_TEXT));
    ctx.session.step = { kind: "draft_add_unit", draftId: step.draftId, content: text };
    await showDraft(ctx, await openDraftRow(ctx, step.draftId), { kind: "addUnits", page: 0 });
  }),
);

export const draftFeature = door(STAFF, { commands: [], actions: [draftData.match] }, feature);
