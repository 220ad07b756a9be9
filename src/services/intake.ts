// Turning a conclusion notice into stored tasks: shared by the admin CLI and the bot's /import.
import type { Db } from "../db/client.js";
import { carryOverCandidates, checkImport, DraftClosed, ImportConflict, noticeHash, storeNotice, type CloseDecision, type ImportCheck, type StoredNotice } from "../db/cycles.js";
import { createDraft, findDraft, type DraftRow } from "../db/drafts.js";
import { loadOrg } from "../db/org.js";
import { enqueue } from "../db/outbox.js";
import { draftAsNotice, draftFromNotice } from "../domain/draft.js";
import type { Prisma } from "../generated/prisma/client.js";
import { bot as t } from "../messages/index.js";
import type { TaskRow } from "../db/tasks.js";
import { cycleKey, periodPassed } from "../domain/cycles.js";
import { parseNotice } from "../domain/notice/parse.js";
import type { ParsedNotice, Period, UnitInfo } from "../domain/types.js";

export type ReadNotice =
  | { ok: false; reason: "not_a_notice"; parsed: ParsedNotice; units: UnitInfo[] }
  | { ok: true; parsed: ParsedNotice & { notice: { period: Period } }; hash: string; units: UnitInfo[] };

export type Prepared =
  | Extract<ReadNotice, { ok: false }>
  | (Extract<ReadNotice, { ok: true }> & { check: ImportCheck; carryOver: TaskRow[]; stale: boolean });

/** Parses a notice against the department's units; reads nothing else and stores nothing. */
export async function readNotice(db: Db, text: string): Promise<ReadNotice> {
  const org = await loadOrg(db);
  const parsed = parseNotice(text, org);
  const period = parsed.notice.period;
  if (period === null || parsed.tasks.length === 0) return { ok: false, reason: "not_a_notice", parsed, units: org.units };
  return { ok: true, parsed: { ...parsed, notice: { ...parsed.notice, period } }, hash: noticeHash(text), units: org.units };
}

/**
 * What the preview shows: the notice read, whether it can be stored, what its import would carry
 * over from the cycle it closes, and whether its period has already passed (a late entry).
 */
export async function prepareImport(db: Db, text: string, today: string): Promise<Prepared> {
  const read = await readNotice(db, text);
  if (!read.ok) return read;
  const period = read.parsed.notice.period;
  return {
    ...read,
    check: await checkImport(db, cycleKey(period), read.hash),
    carryOver: await carryOverCandidates(db, period),
    stale: periodPassed(period, today),
  };
}

export type CommitResult =
  | ({ stored: true } & StoredNotice)
  | { stored: false; check: Extract<ImportCheck, { ok: false }> }
  | { stored: false; stale: true }
  | { stored: false; closed: true };

interface CommitOptions {
  memberId: number | null;
  decision: CloseDecision;
  late: boolean;
  at: Date;
  today: string;
}

/** Each unit head hears, with the notice stored, how many tasks the unit has this cycle. */
async function announce(tx: Prisma.TransactionClient, stored: StoredNotice, day: string) {
  const counts = await tx.taskPart.groupBy({ by: ["unitId", "role"], where: { task: { cycleId: stored.cycleId } }, _count: true });
  const count = (unitId: number, role: "lead" | "support") => counts.find((c) => c.unitId === unitId && c.role === role)?._count ?? 0;
  const heads = await tx.member.findMany({ where: { role: "unit_head", reachable: true, unitId: { not: null } } });
  const told = heads.filter((h) => counts.some((c) => c.unitId === h.unitId));
  await enqueue(tx, told.map((h) => ({
    kind: "notice" as const, day, memberId: h.id, chatId: h.chatId, text: t.newCycleForUnit(count(h.unitId!, "lead"), count(h.unitId!, "support"), stored.key),
  })));
}

/**
 * Stores a notice read; a passed period needs `late`; storeNotice checks again, inside its
 * transaction, where the unit heads' announcements are written too.
 */
export async function commitImport(db: Db, prepared: Extract<ReadNotice, { ok: true }>, opts: CommitOptions, draftId?: number): Promise<CommitResult> {
  if (!opts.late && periodPassed(prepared.parsed.notice.period, opts.today)) return { stored: false, stale: true };
  try {
    const { today, ...rest } = opts;
    return { stored: true, ...(await storeNotice(db, { parsed: prepared.parsed, sourceHash: prepared.hash, draftId, ...rest }, (tx, stored) => announce(tx, stored, today))) };
  } catch (e) {
    if (e instanceof ImportConflict) return { stored: false, check: e.check };
    if (e instanceof DraftClosed) return { stored: false, closed: true };
    throw e;
  }
}

/** What a draft's view needs besides the draft: whether it can be stored, and what its import closes. */
export async function draftContext(db: Db, row: DraftRow, today: string) {
  const period = row.draft.notice.period;
  return { check: await checkImport(db, cycleKey(period), row.sourceHash), carryOver: await carryOverCandidates(db, period), stale: periodPassed(period, today) };
}

export type OpenedDraft = Extract<Prepared, { ok: false }> | { ok: true; row: DraftRow } | { ok: false; reason: "refused"; check: Extract<ImportCheck, { ok: false }> };

/** Reads a notice into a draft to correct before saving; a notice already stored is refused at once. */
export async function openDraft(db: Db, text: string, memberId: number | null): Promise<OpenedDraft> {
  const read = await readNotice(db, text);
  if (!read.ok) return read;
  const check = await checkImport(db, cycleKey(read.parsed.notice.period), read.hash);
  if (!check.ok) return { ok: false, reason: "refused", check };
  return { ok: true, row: await createDraft(db, { memberId, sourceHash: read.hash, draft: draftFromNotice(read.parsed) }) };
}

/** Stores exactly the draft, once: a second «Lưu» (or a second secretary) finds it saved. */
export async function saveDraft(db: Db, draftId: number, opts: CommitOptions): Promise<CommitResult> {
  const row = await findDraft(db, draftId);
  if (!row || row.state !== "open") return { stored: false, closed: true };
  return commitImport(db, { ok: true, parsed: draftAsNotice(row.draft), hash: row.sourceHash, units: [] }, opts, draftId);
}
