// Turning a conclusion notice into stored tasks: shared by the admin CLI and the bot's /import.
import type { Db } from "../db/client.js";
import { carryOverCandidates, checkImport, ImportConflict, noticeHash, storeNotice, type CloseDecision, type ImportCheck } from "../db/cycles.js";
import { listUnits } from "../db/org.js";
import type { TaskRow } from "../db/tasks.js";
import { cycleKey, monthPeriod, periodPassed } from "../domain/cycles.js";
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
  const units = await listUnits(db);
  const parsed = parseNotice(text, units);
  const month = parsed.notice.month;
  if (month === null || parsed.tasks.length === 0) return { ok: false, reason: "not_a_notice", parsed, units };
  return { ok: true, parsed: { ...parsed, notice: { ...parsed.notice, period: monthPeriod(month) } }, hash: noticeHash(text), units };
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
  | ({ stored: true } & Awaited<ReturnType<typeof storeNotice>>)
  | { stored: false; check: Extract<ImportCheck, { ok: false }> }
  | { stored: false; stale: true };

/** Stores a notice read; a passed period needs `late`; storeNotice checks again, inside its transaction. */
export async function commitImport(
  db: Db,
  prepared: Extract<ReadNotice, { ok: true }>,
  opts: { memberId: number | null; decision: CloseDecision; late: boolean; at: Date; today: string },
): Promise<CommitResult> {
  if (!opts.late && periodPassed(prepared.parsed.notice.period, opts.today)) return { stored: false, stale: true };
  try {
    const { today: _today, ...rest } = opts;
    return { stored: true, ...(await storeNotice(db, { parsed: prepared.parsed, sourceHash: prepared.hash, ...rest })) };
  } catch (e) {
    if (e instanceof ImportConflict) return { stored: false, check: e.check };
    throw e;
  }
}
