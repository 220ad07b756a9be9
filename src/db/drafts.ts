// Import drafts: a notice read, kept in the database while the secretary corrects it, so that it
// survives a restart and is saved exactly once.
import { applyChange, type Draft, type DraftChange, type DraftRefusal } from "../domain/draft.js";
import type { Db } from "./client.js";

export interface DraftRow {
  id: number;
  memberId: number | null;
  sourceHash: string;
  version: number;
  state: "open" | "saved" | "discarded";
  draft: Draft;
}

export async function createDraft(db: Db, input: { memberId: number | null; sourceHash: string; draft: Draft }): Promise<DraftRow> {
  const row = await db.importDraft.create({ data: { memberId: input.memberId, sourceHash: input.sourceHash, data: JSON.stringify(input.draft) } });
  return { ...row, draft: input.draft };
}

export async function findDraft(db: Db, id: number): Promise<DraftRow | null> {
  const row = await db.importDraft.findUnique({ where: { id } });
  return row ? { ...row, draft: JSON.parse(row.data) as Draft } : null;
}

export type ChangeResult = { ok: true; row: DraftRow } | { ok: false; reason: DraftRefusal | "closed" };

/**
 * Applies a correction to an open draft. The write is conditional on the version read, so two
 * corrections at once (a double tap) each apply to the other's result instead of losing one.
 */
export async function changeDraft(db: Db, id: number, change: DraftChange, units: readonly string[]): Promise<ChangeResult> {
  for (;;) {
    const row = await findDraft(db, id);
    if (!row || row.state !== "open") return { ok: false, reason: "closed" };
    const next = applyChange(row.draft, change, units);
    if (typeof next === "string") return { ok: false, reason: next };
    const written = await db.importDraft.updateMany({ where: { id, version: row.version, state: "open" }, data: { data: JSON.stringify(next), version: row.version + 1 } });
    if (written.count === 1) return { ok: true, row: { ...row, version: row.version + 1, draft: next } };
  }
}

/** Discards an open draft; says whether it was still open. */
export async function discardDraft(db: Db, id: number): Promise<boolean> {
  return (await db.importDraft.updateMany({ where: { id, state: "open" }, data: { state: "discarded" } })).count === 1;
}
