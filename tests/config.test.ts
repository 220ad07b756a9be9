import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/env.js";

describe("configuration", () => {
  it("runs with defaults: local database file, Vietnam time, 08:00 on weekdays", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      botToken: undefined,
      apiRoot: "https://api.telegram.org",
      databaseFile: "data/bot.db",
      timeZone: "Asia/Ho_Chi_Minh",
      reminderHour: 8,
      workingDays: [1, 2, 3, 4, 5],
      digestHour: 16,
      digestWorkingDaysBeforeMonthEnd: 2,
    });
  });

  it("reads every variable", () => {
    const c = loadConfig({
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000/",
      TIME_ZONE: "Asia/Bangkok",
      REMINDER_HOUR: "7",
      WORKING_DAYS: "mon,tue,wed,thu,fri,sat",
      HOLIDAYS: "2025-01-01, 2025-04-30",
    });
    expect(c.apiRoot).toBe("http://127.0.0.1:9000");
    expect(c.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.holidays).toEqual(["2025-01-01", "2025-04-30"]);
    expect(c.reminderHour).toBe(7);
    expect(c.timeZone).toBe("Asia/Bangkok");
  });

  it("reports every problem at once and never echoes the token", () => {
    const secret = "not-a-token-but-secret-value";
    let error: unknown;
    try {
      loadConfig({ BOT_TOKEN: secret, TIME_ZONE: "Mars/Olympus", REMINDER_HOUR: "25", WORKING_DAYS: "mon,funday", TELEGRAM_API_ROOT: "nope" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["BOT_TOKEN", "REMINDER_HOUR", "TELEGRAM_API_ROOT", "TIME_ZONE", "WORKING_DAYS"]);
    expect(message).not.toContain(secret);
  });
});
