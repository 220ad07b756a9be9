// The secretary's and director's tools: send today's reminders now, invite people.
import { Composer } from "telegraf";
import { createInvite } from "../../db/members.js";
import { listUnits } from "../../db/org.js";
import { formatDateTime } from "../../domain/calendar.js";
import { ROLES, type Role } from "../../domain/types.js";
import { bot as t } from "../../messages/index.js";
import { runReminderPass } from "../../services/reminders.js";
import type { BotContext } from "../context.js";
import { door } from "../filters/door.js";
import { STAFF } from "../filters/roles.js";

const feature = new Composer<BotContext>();

feature.command("remind", async (ctx) => {
  const report = await runReminderPass(ctx.app, ctx.telegram);
  if (!report.workingDay) return ctx.reply(t.remindNotWorkingDay(report.day));
  await ctx.reply(t.remindReport(report.sent, report.alreadySent, report.failed, report.units));
});

feature.command("invite", async (ctx) => {
  const [role, unitArg] = ctx.payload.trim().split(/\s+/);
  if (!ROLES.includes(role as Role)) return ctx.reply(t.inviteUsage);
  const unit = unitArg ? (await listUnits(ctx.app.db)).find((u) => u.code === unitArg.toUpperCase()) : undefined;
  if ((role === "unit_head") !== !!unit) return ctx.reply(t.inviteUsage);
  const expiresAt = new Date(ctx.app.clock().getTime() + ctx.app.config.inviteTtlHours * 3_600_000);
  const invite = await createInvite(ctx.app.db, { role: role as Role, unitCode: unit?.code, expiresAt });
  await ctx.reply(t.inviteCreated(invite.code, role as Role, unit?.name ?? null, formatDateTime(expiresAt, ctx.app.config.timeZone)));
});

export const staffFeature = door(STAFF, { commands: ["remind", "invite"], actions: [] }, feature);
