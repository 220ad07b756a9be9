import { overseenCodes } from "../../db/members.js";
import type { Role } from "../../domain/types.js";
import type { BotContext } from "../context.js";

export const STAFF: Role[] = ["secretary", "director"];
export const READERS: Role[] = ["director", "deputy", "secretary"];

export const hasRole =
  (...roles: Role[]) =>
  (ctx: BotContext): boolean =>
    !!ctx.member && roles.includes(ctx.member.role);

/** Whether the caller may change a task of `unitId`: its own unit's head, or staff. */
export function canChangeTask(ctx: BotContext, unitId: number): boolean {
  const m = ctx.member;
  if (!m) return false;
  return STAFF.includes(m.role) || (m.role === "unit_head" && m.unitId === unitId);
}

/** Whether the caller may see the tasks of unit `unitCode`: a unit head the own unit's, a deputy the overseen units'. */
export function canSeeTask(ctx: BotContext, unitCode: string): boolean {
  const m = ctx.member;
  if (!m) return false;
  if (m.role === "unit_head") return m.unit?.code === unitCode;
  return overseenCodes(m)?.includes(unitCode) ?? true;
}
