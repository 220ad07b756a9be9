// Reads an uploaded notice without letting it harm the bot: a zip (.docx) is measured before
// anything inflates it, then the reader runs in a worker with a memory ceiling and a time limit.
import { runIsolated, type IsolateLimits } from "./isolate.js";
import type { NoticeOutcome } from "./noticeReader.js";
import { checkZip, DOCX_LIMITS, type ZipLimits } from "./zipGuard.js";

export type BoundedRead =
  | { ok: true; text: string }
  | { ok: false; reason: "too_big" | "not_docx" | "unreadable" | "timeout" | "out_of_memory"; detail: string };

const READER = new URL("./noticeReader.js", import.meta.url);

export async function readNoticeBounded(
  name: string,
  content: Buffer,
  limits: { zip?: ZipLimits; isolate?: Partial<IsolateLimits> } = {},
): Promise<BoundedRead> {
  const check = checkZip(content, limits.zip ?? DOCX_LIMITS);
  // Not a zip at all: plain text, or a broken file the reader names itself.
  if (!check.ok && check.refusal.reason !== "not_a_zip") return { ok: false, reason: "too_big", detail: JSON.stringify(check.refusal) };
  const result = await runIsolated<NoticeOutcome>(READER, "readNotice", [name, content], limits.isolate);
  if (!result.ok) {
    const { error } = result;
    return error.kind === "failed" || error.kind === "too_big"
      ? { ok: false, reason: error.kind === "failed" ? "unreadable" : "too_big", detail: error.message }
      : { ok: false, reason: error.kind, detail: error.kind };
  }
  const outcome = result.value;
  return outcome.ok ? outcome : { ok: false, reason: outcome.kind, detail: outcome.message };
}
