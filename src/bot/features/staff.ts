// The secretary's and director's tools: send today's reminders now, invite people (a deputy with
// the units they oversee).
import { Composer } from "telegraf";
import { createInvite } from "../../db/members.js";
import { listUnits } from "../../db/org.js";
import { formatDateTime } from "../../domain/calendar.js";
import { unitCodesIn, unknownCodes } from "../../domain/org.js";
import { ROLES, type Role, type UnitInfo } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import { runReminderPass } from "../../services/reminders.js";
import type { BotContext } from "../context.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";

const feature = new Composer<BotContext>();

feature.command("remind", async (ctx) => {
  const report = await runReminderPass(ctx.app);
  if (!report.workingDay) return ctx.reply(t.remindNotWorkingDay(report.day));
  await ctx.reply(t.remindReport(report.queued, report.alreadySent, report.failed, report.units));
});

interface InviteRequest {
  role: Role;
  unit?: UnitInfo;
  oversees: UnitInfo[];
}

/** What "/invite <role> [codes]" asks for, or the answer saying what is wrong with it. */
function readInvite(payload: string, units: UnitInfo[]): InviteRequest | { refusal: string } {
  const [role = "", ...rest] = payload.trim().split(/\s+/);
  const codes = unitCodesIn(rest.join(" "));
  const named = units.filter((u) => codes.includes(u.code));
  if (role === "deputy") {
    const unknown = unknownCodes(codes, units);
    return unknown.length ? { refusal: t.inviteUnknownUnits(unknown, units.map((u) => u.code)) } : { role, oversees: named };
  }
  if (role === "unit_head" && codes.length === 1 && named.length === 1) return { role, unit: named[0], oversees: [] };
  if (ROLES.includes(role as Role) && role !== "unit_head" && codes.length === 0) return { role: role as Role, oversees: [] };
  return { refusal: t.inviteUsage };
}

feature.command("invite", async (ctx) => {
  const request = readInvite(ctx.payload, await listUnits(ctx.app.db));
  if ("refusal" in request) return ctx.reply(request.refusal);
  const { role, unit, oversees } = request;
  const expiresAt = new Date(ctx.app.clock().getTime() + ctx.app.config.inviteTtlHours * 3_600_000);
  const invite = await createInvite(ctx.app.db, { role, unitCode: unit?.code, oversees: oversees.map((u) => u.code), expiresAt });
  const expires = formatDateTime(expiresAt, ctx.app.config.timeZone);
  await ctx.reply(t.inviteCreated(invite.code, role, unit?.name ?? null, expires, oversees.map((u) => u.name)));
});

export const staffFeature = door(STAFF, { commands: ["remind", "invite"], actions: [] }, feature);
