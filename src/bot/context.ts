import type { Context } from "telegraf";
import type { App } from "../app.js";
import type { MemberWithUnit } from "../db/members.js";

/** Where a guided dialogue stands; kept in the database between messages. */
export type Step =
  | { kind: "import"; parts: string[] }
  | { kind: "note"; partId: number }
  | { kind: "extension_date"; partId: number }
  | { kind: "extension_reason"; partId: number; day: string }
  | { kind: "newtask"; unitCode?: string; content?: string }
  | { kind: "edit_deadline"; taskId: number }
  | { kind: "edit_content"; taskId: number }
  | { kind: "confirm_deadline"; taskId: number; day: string }
  | { kind: "edit_units"; taskId: number; lead: string[]; support: string[] }
  | { kind: "draft_text"; draftId: number; index: number }
  | { kind: "draft_deadline"; draftId: number; index: number }
  | { kind: "draft_add"; draftId: number }
  | { kind: "draft_add_unit"; draftId: number; content: string }
  | { kind: "pick_task"; note: string; partIds: number[] };

/** A page of a unit's list the bot sent in answer to /tasks, so replies can find its parts by number. */
export interface ListRef {
  messageId: number;
  /** The number of the page's first part. */
  first: number;
  partIds: number[];
}

export interface SessionData {
  step?: Step;
  lists?: ListRef[];
}

export interface BotContext extends Context {
  app: App;
  member?: MemberWithUnit;
  session: SessionData;
}

/** The registered caller; the member middleware guarantees it after the door. */
export function member(ctx: BotContext): MemberWithUnit {
  if (!ctx.member) throw new Error("handler reached without a registered member");
  return ctx.member;
}
