// Turning a conclusion notice into stored tasks: shared by the admin CLI and the bot's /import.
import type { Db } from "../db/client.js";
import { carryOverCandidates, checkImport, ImportConflict, noticeHash, storeNotice, type ImportCheck } from "../db/briefings.js";
import { listUnits } from "../db/org.js";
import type { TaskRow } from "../db/tasks.js";
import { parseNotice } from "../domain/notice/parse.js";
import type { ParsedNotice } from "../domain/types.js";

export type Prepared =
  | { ok: false; reason: "not_a_notice"; parsed: ParsedNotice }
  | { ok: true; parsed: ParsedNotice & { notice: { month: string } }; hash: string; check: ImportCheck; carryOver: TaskRow[] };

/** Parses a notice and says whether and how it can be stored; stores nothing. */
export async function prepareImport(db: Db, text: string): Promise<Prepared> {
  const parsed = parseNotice(text, await listUnits(db));
  const month = parsed.notice.month;
  if (month === null || parsed.tasks.length === 0) return { ok: false, reason: "not_a_notice", parsed };
  const hash = noticeHash(text);
  return {
    ok: true,
    parsed: { ...parsed, notice: { ...parsed.notice, month } },
    hash,
    check: await checkImport(db, month, hash),
    carryOver: await carryOverCandidates(db, month),
  };
}

/** Stores a prepared notice, checking again: another import may have landed since the preview. */
export async function commitImport(
  db: Db,
  prepared: Extract<Prepared, { ok: true }>,
  opts: { memberId: number | null; carryOver: boolean; at: Date },
) {
  try {
    return { stored: true as const, ...(await storeNotice(db, { parsed: prepared.parsed, sourceHash: prepared.hash, ...opts })) };
  } catch (e) {
    if (e instanceof ImportConflict) return { stored: false as const, check: e.check };
    throw e;
  }
}
