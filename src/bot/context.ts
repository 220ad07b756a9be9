import type { Context } from "telegraf";
import type { App } from "../app.js";
import type { MemberWithUnit } from "../db/members.js";

/** Where a guided dialogue stands; kept in the database between messages. */
export type Step =
  | { kind: "import"; parts: string[] }
  | { kind: "import_preview"; text: string }
  | { kind: "note"; taskId: number }
  | { kind: "extension_date"; taskId: number }
  | { kind: "newtask"; unitCode?: string; content?: string }
  | { kind: "edit_deadline"; taskId: number }
  | { kind: "pick_task"; note: string; taskIds: number[] };

/** A task list the bot sent in answer to /tasks, so its buttons and replies can find the tasks. */
export interface ListRef {
  messageId: number;
  title: string;
  taskIds: number[];
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
