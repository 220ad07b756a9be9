// Turning a conclusion notice into stored tasks: shared by the admin CLI and the bot's /import.
import type { Db } from "../db/client.js";
import { carryOverCandidates, checkImport, ImportConflict, noticeHash, storeNotice, type ImportCheck } from "../db/briefings.js";
import { loadOrg } from "../db/org.js";
import type { TaskRow } from "../db/tasks.js";
import { parseNotice } from "../domain/notice/parse.js";
import type { ParsedNotice, UnitInfo } from "../domain/types.js";

export type ReadNotice =
  | { ok: false; reason: "not_a_notice"; parsed: ParsedNotice; units: UnitInfo[] }
  | { ok: true; parsed: ParsedNotice & { notice: { month: string } }; hash: string; units: UnitInfo[] };

export type Prepared = Extract<ReadNotice, { ok: false }> | (Extract<ReadNotice, { ok: true }> & { check: ImportCheck; carryOver: TaskRow[] });

/** Parses a notice against the department's units; reads nothing else and stores nothing. */
export async function readNotice(db: Db, text: string): Promise<ReadNotice> {
  const org = await loadOrg(db);
  const units = org.units;
  const parsed = parseNotice(text, org);
  const month = parsed.notice.month;
  if (month === null || parsed.tasks.length === 0) return { ok: false, reason: "not_a_notice", parsed, units };
  return { ok: true, parsed: { ...parsed, notice: { ...parsed.notice, month } }, hash: noticeHash(text), units };
}

/** What the preview shows: the notice read, whether it can be stored, what could be carried over. */
export async function prepareImport(db: Db, text: string): Promise<Prepared> {
  const read = await readNotice(db, text);
  if (!read.ok) return read;
  const month = read.parsed.notice.month;
  return { ...read, check: await checkImport(db, month, read.hash), carryOver: await carryOverCandidates(db, month) };
}

/** Stores a notice read; storeNotice checks again, inside its transaction. */
export async function commitImport(
  db: Db,
  prepared: Extract<ReadNotice, { ok: true }>,
  opts: { memberId: number | null; carryOver: boolean; at: Date },
) {
  try {
    return { stored: true as const, ...(await storeNotice(db, { parsed: prepared.parsed, sourceHash: prepared.hash, ...opts })) };
  } catch (e) {
    if (e instanceof ImportConflict) return { stored: false as const, check: e.check };
    throw e;
  }
}
