// The operator's command line: `npm run cli -- <command>`. Output on stdout, errors on stderr
// with a non-zero exit code.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/env.js";
import { openDatabase, type Db } from "../db/client.js";
import { createInvite } from "../db/members.js";
import { listUnits } from "../db/org.js";
import { findTasks, toTaskView, type TaskRow } from "../db/tasks.js";
import { taskStatus } from "../domain/tasks.js";
import { applyMigrations } from "../db/migrate.js";
import { backupDatabase } from "../db/backup.js";
import { delivery } from "../messages/vi/delivery.js";
import { OrgError, unitCodesIn, unknownCodes } from "../domain/org.js";
import { noticeDoubts } from "../domain/notice/parse.js";
import { OPEN_STATUSES, ROLES, type ParsedNotice, type Role } from "../domain/types.js";
import { readNoticeBounded } from "../documents/boundedRead.js";
import { retry, setSetting } from "../db/outbox.js";
import { PAUSED } from "../services/outbox.js";
import { admin as t, bot, intake, roleLabel, statusIcon, tasks as taskText } from "../messages/index.js";
import { dayIn } from "../domain/calendar.js";
import { isOverdue } from "../domain/tasks.js";
import { ensureOrg, loadOrgFile } from "../services/org.js";
import { commitImport, prepareImport } from "../services/intake.js";
import { loadCycle, reportInput } from "../services/summary.js";
import { compileSummary } from "../domain/summary/compile.js";
import { summaryMessage } from "../documents/report/message.js";
import { buildReport } from "../documents/report/build.js";
import { writeFileSync } from "node:fs";

class UsageError extends Error {}

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

interface ImportFlags {
  "dry-run"?: boolean;
  json?: boolean;
  "close-unfinished"?: boolean;
  late?: boolean;
  force?: boolean;
}

/** The parse as JSON: the notice, tasks with their units' roles, unplaced lines, findings. */
function importJson(parsed: ParsedNotice): string {
  return JSON.stringify({ notice: parsed.notice, tasks: parsed.tasks, unplaced: parsed.unplaced, findings: parsed.findings }, null, 2);
}

async function importCommand(db: Db, file: string, flags: ImportFlags, timeZone: string) {
  const read = await readNoticeBounded(basename(file), readFileSync(file));
  // The reader's details are English, for logs; the operator gets the Vietnamese text.
  if (!read.ok) throw new Error(bot.noticeFile[read.reason]);
  const text = read.text;
  const today = dayIn(new Date(), timeZone);
  const prepared = await prepareImport(db, text, today);
  out(flags.json ? importJson(prepared.parsed) : intake.preview(prepared.parsed, prepared.units));
  if (!prepared.ok) throw new Error(intake.notANotice);
  if (flags["dry-run"]) {
    if (!flags.json) out(t.dryRunNote);
    return;
  }
  // A notice of another body is stored only when the operator says so.
  if (noticeDoubts(prepared.parsed).length > 0 && !flags.force) throw new Error(intake.doubtRefused);
  const decision = flags["close-unfinished"] ? { carry: false, reason: intake.closedReason } : { carry: true };
  const result = await commitImport(db, prepared, { memberId: null, decision, late: flags.late ?? false, at: new Date(), today });
  if (!result.stored) throw new Error(intake.notStored(result));
  process.stderr.write(`${intake.stored(result.created, result.parts, result.support, result.key, result.carried, result.closed)}\n`);
}

interface InviteFlags {
  role?: string;
  unit?: string;
  units?: string;
}

/** The role's arguments, before the database is asked about any unit code. */
function checkInviteFlags({ role, unit, units }: InviteFlags): void {
  if (!ROLES.includes(role as Role)) throw new UsageError(t.unknownRole);
  if (role === "unit_head" && !unit) throw new UsageError(t.unitRequired);
  if (role !== "unit_head" && unit) throw new UsageError(t.unitNotAllowed);
  if (role !== "deputy" && units !== undefined) throw new UsageError(t.unitsNotAllowed);
  if (units !== undefined && unitCodesIn(units).length === 0) throw new UsageError(t.unitsEmpty);
}

async function inviteCommand(db: Db, ttlHours: number, flags: InviteFlags) {
  checkInviteFlags(flags);
  const role = flags.role as Role;
  const unitCode = flags.unit?.toUpperCase();
  const oversees = unitCodesIn(flags.units ?? "");
  const units = await listUnits(db);
  // Every code is checked, so a typo never leaves a deputy overseeing fewer units than meant.
  const unknown = unknownCodes([...(unitCode ? [unitCode] : []), ...oversees], units);
  if (unknown.length) throw new UsageError(t.unknownUnit(unknown.join(", "), units.map((u) => u.code)));
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  const invite = await createInvite(db, { role, unitCode, oversees, expiresAt });
  out(t.inviteCreated(invite.code, expiresAt.toISOString(), invite.oversees.map((o) => o.unit.name)));
}

/** A task as `tasks --json` prints it: once, with each unit's part and status. */
function taskJson(row: TaskRow) {
  return {
    id: row.id,
    content: row.content,
    deadline: row.deadline,
    deadlineStated: row.deadlineStated,
    status: taskStatus(toTaskView(row)),
    cycle: row.cycle.key,
    units: row.parts.map((p) => ({ code: p.unit.code, part: p.role, status: p.status })),
  };
}

/** The register: every task (of a unit, with --unit) as JSON, or the open ones as text. */
/** The outbox for the operator: what waits, failed or is uncertain; send one again; pause or resume the sender. */
async function outboxCommand(db: Db, rest: string[], state: string | undefined) {
  const [action, id] = rest;
  if (action === "pause" || action === "resume") {
    await setSetting(db, PAUSED, action === "pause" ? "1" : "0");
    return out(action === "pause" ? t.outboxPaused : t.outboxResumed);
  }
  if (action === "retry") {
    if (!/^\d+$/.test(id ?? "")) throw new UsageError(t.cliUsage);
    if (!(await retry(db, Number(id)))) throw new UsageError(t.outboxNotRetryable(Number(id)));
    return out(t.outboxRetried(Number(id)));
  }
  if (action !== undefined && action !== "list") throw new UsageError(t.cliUsage);
  const states = ["queued", "sending", "sent", "failed", "uncertain"] as const;
  const wanted = states.find((x) => x === state);
  if (state !== undefined && !wanted) throw new UsageError(t.cliUsage);
  const rows = await db.delivery.findMany({
    where: wanted ? { state: wanted } : { state: { not: "sent" } },
    orderBy: { id: "desc" },
    take: 50,
    include: { member: true },
  });
  const counts = await db.delivery.groupBy({ by: ["state"], _count: true });
  out(t.outboxCounts(Object.fromEntries(counts.map((c) => [c.state, c._count]))));
  for (const r of rows) out(t.outboxLine(r.id, r.kind, r.day, r.member?.name ?? r.chatId, r.state, r.attempts, r.error));
}

async function tasksCommand(db: Db, unitCode: string | undefined, json: boolean, today: string) {
  const ofUnit = unitCode ? { parts: { some: { unit: { code: unitCode.toUpperCase() } } } } : {};
  const rows = await findTasks(db, json ? ofUnit : { ...ofUnit, cycle: { state: "open" }, parts: { some: { status: { in: OPEN_STATUSES }, ...(unitCode ? { unit: { code: unitCode.toUpperCase() } } : {}) } } });
  if (json) return out(JSON.stringify(rows.map(taskJson), null, 2));
  if (rows.length === 0) return out(t.noTasks);
  for (const row of rows) {
    out(`#${row.id} ${statusIcon[taskStatus(toTaskView(row))]} ${row.content}`);
    out(`   ${taskText.deadline({ deadline: row.deadline, deadlineStated: row.deadlineStated })} · ${row.parts.map((p) => `${p.unit.code}${p.role === "support" ? ` (${roleLabel.support})` : ` ${statusIcon[p.status]}`}`).join(", ")}${isOverdue(toTaskView(row), today) ? " · ⛔" : ""}`);
  }
}

/** "12/2024" to "2024-12". */
function monthFlag(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) throw new UsageError(t.cliUsage);
  return `${m[2]}-${m[1]!.padStart(2, "0")}`;
}

/** The summary as the director's message (text), the report (.docx) or the register (.xlsx). */
async function summaryCommand(db: Db, flags: { month?: string; format?: string; out?: string }, today: string) {
  const format = flags.format ?? "text";
  if (!["text", "docx", "xlsx"].includes(format)) throw new UsageError(t.cliUsage);
  const cycle = await loadCycle(db, today, monthFlag(flags.month));
  if (!cycle) throw new Error(bot.noBriefing(monthFlag(flags.month) ?? null));
  const summary = compileSummary(cycle);
  if (format === "text") return out(summaryMessage(summary));
  const bytes = await buildReport(format as "docx" | "xlsx", await reportInput(db, summary));
  if (flags.out) writeFileSync(flags.out, bytes);
  else process.stdout.write(bytes);
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      "carry-over": { type: "boolean" },
      "close-unfinished": { type: "boolean" },
      late: { type: "boolean" },
      force: { type: "boolean" },
      role: { type: "string" },
      unit: { type: "string" },
      units: { type: "string" },
      month: { type: "string" },
      format: { type: "string" },
      state: { type: "string" },
      out: { type: "string" },
    },
  });
  const [command, ...rest] = positionals;
  const config = loadConfig();
  if (command === "migrate") return out(t.migrated(applyMigrations(config.databaseFile)));
  if (command === "backup") {
    if (!rest[0]) throw new UsageError(t.cliUsage);
    await backupDatabase(config.databaseFile, rest[0]);
    return out(delivery.backupDone(rest[0]));
  }
  const known = ["org", "import", "invite", "tasks", "summary", "outbox"];
  if (!command || !known.includes(command)) throw new UsageError(t.cliUsage);
  const db = await openDatabase(config.databaseFile);
  try {
    if (command === "org") {
      if (rest[0] !== "load" || !rest[1]) throw new UsageError(t.cliUsage);
      const org = await loadOrgFile(db, rest[1]);
      return out(t.orgLoaded(org.units.length, org.department));
    }
    await ensureOrg(db, config.orgFile);
    if (command === "import") {
      if (!rest[0]) throw new UsageError(t.cliUsage);
      return await importCommand(db, rest[0], values, config.timeZone);
    }
    if (command === "invite") return await inviteCommand(db, config.inviteTtlHours, values);
    if (command === "summary") return await summaryCommand(db, values, dayIn(new Date(), config.timeZone));
    if (command === "outbox") return await outboxCommand(db, rest, values.state);
    return await tasksCommand(db, values.unit, values.json ?? false, dayIn(new Date(), config.timeZone));
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
  else if (e instanceof OrgError) process.stderr.write(`${t.orgInvalidList(e.problems)}\n`);
  else if ((e as NodeJS.ErrnoException).code === "ENOENT") process.stderr.write(`${t.fileMissing((e as NodeJS.ErrnoException).path ?? "")}\n`);
  else process.stderr.write(`${e instanceof UsageError ? e.message : t.failed((e as Error).message)}\n`);
  process.exit(e instanceof UsageError || e instanceof ConfigError ? 2 : 1);
});
