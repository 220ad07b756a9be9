// The one place that reads the environment. Every problem is collected and reported at once.
import { z } from "zod";
import { admin as t } from "../messages/index.js";

const DAY_NAMES: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, t.tokenFormat)
    .optional(),
  TELEGRAM_API_ROOT: z.url(t.urlFormat).default("https://api.telegram.org"),
  DATABASE_FILE: z.string().trim().min(1).default("data/bot.db"),
  ORG_FILE: z.string().trim().min(1).optional(),
  TIME_ZONE: z.string().trim().refine(isTimeZone, t.timeZone).default("Asia/Ho_Chi_Minh"),
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  WORKING_DAYS: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v.split(",").every((d) => d.trim() in DAY_NAMES), t.workingDays)
    .default("mon,tue,wed,thu,fri"),
  HOLIDAYS: z
    .string()
    .trim()
    .refine((v) => v === "" || v.split(",").every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.trim())), t.holidays)
    .default(""),
  DUE_SOON_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  OVERDUE_REPEAT_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(2),
  DIGEST_WORKING_DAYS_BEFORE_MONTH_END: z.coerce.number().int().min(0).max(20).default(2),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(16),
  INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export interface Config {
  botToken: string | undefined;
  apiRoot: string;
  databaseFile: string;
  orgFile: string | undefined;
  timeZone: string;
  reminderHour: number;
  workingDays: number[];
  holidays: string[];
  dueSoonDays: number;
  overdueRepeatWorkingDays: number;
  digestWorkingDaysBeforeMonthEnd: number;
  digestHour: number;
  inviteTtlHours: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`${t.configInvalid}\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads the configuration from `env`; throws ConfigError listing every problem (never a value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const c = parsed.data;
  const workingDays = [...new Set(c.WORKING_DAYS.split(",").map((d) => DAY_NAMES[d.trim()]!))].sort();
  return {
    botToken: c.BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    databaseFile: c.DATABASE_FILE,
    orgFile: c.ORG_FILE,
    timeZone: c.TIME_ZONE,
    reminderHour: c.REMINDER_HOUR,
    workingDays,
    holidays: c.HOLIDAYS === "" ? [] : c.HOLIDAYS.split(",").map((d) => d.trim()),
    dueSoonDays: c.DUE_SOON_DAYS,
    overdueRepeatWorkingDays: c.OVERDUE_REPEAT_WORKING_DAYS,
    digestWorkingDaysBeforeMonthEnd: c.DIGEST_WORKING_DAYS_BEFORE_MONTH_END,
    digestHour: c.DIGEST_HOUR,
    inviteTtlHours: c.INVITE_TTL_HOURS,
    logLevel: c.LOG_LEVEL,
  };
}
