// The worker side of readNoticeBounded: readDocx's reader, its typed failure returned as a value
// (an error's class does not survive the trip back from a worker thread).
import { NoticeFileError, readNoticeFile } from "./readDocx.js";

export type NoticeOutcome = { ok: true; text: string } | { ok: false; kind: NoticeFileError["kind"]; message: string };

export async function readNotice(name: string, content: Buffer): Promise<NoticeOutcome> {
  try {
    return { ok: true, text: await readNoticeFile(name, content) };
  } catch (e) {
    if (e instanceof NoticeFileError) return { ok: false, kind: e.kind, message: e.message };
    throw e;
  }
}
