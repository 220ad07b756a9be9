import { describe, expect, it } from "vitest";
import { workCalendar } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { vietnamHolidays } from "../../src/domain/holidays.js";

const config = loadConfig({});

describe("Vietnam's public holidays, known without configuration", () => {
  it("2025: New Year, Tết's five days from the eve with a day in lieu for its Saturday, Giỗ Tổ, 30/4, 1/5 and both National Day days", () => {
    expect([...vietnamHolidays(2025)].sort()).toEqual([
      "2025-01-01",
      "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-03",
      "2025-04-07",
      "2025-04-30", "2025-05-01",
      "2025-09-01", "2025-09-02",
    ]);
  });

  it("follows the lunar calendar: Giỗ Tổ on 10/3 lunar each year, a Sunday one given back on Monday", () => {
    expect(vietnamHolidays(2024)).toContain("2024-04-18");
    expect(vietnamHolidays(2026)).toContain("2026-04-26"); // a Sunday
    expect(vietnamHolidays(2026)).toContain("2026-04-27");
    expect(vietnamHolidays(2024)).toContain("2024-09-03"); // 2/9 a Monday: the day after
  });
});

describe("the working calendar", () => {
  it("skips weekends and public holidays; the org file adds a year's official days off and swapped working days", () => {
    const plain = workCalendar(config, { daysOff: [], workingDays: [] });
    expect(plain.isWorkingDay("2025-01-27")).toBe(true); // Monday before Tết
    expect(plain.isWorkingDay("2025-01-29")).toBe(false); // Tết
    expect(plain.isWorkingDay("2025-02-03")).toBe(false); // in lieu of Saturday 1/2
    expect(plain.isWorkingDay("2025-02-08")).toBe(false); // a Saturday

    // 2025 as the government set it: 27/01 off too, Saturday 08/02 worked in exchange.
    const official = workCalendar(config, { daysOff: ["2025-01-27"], workingDays: ["2025-02-08"] });
    expect(official.isWorkingDay("2025-01-27")).toBe(false);
    expect(official.isWorkingDay("2025-02-08")).toBe(true);
    // Working days from Friday 24/01 to Monday 10/02: 04/02–07/02, 08/02 and 10/02.
    expect(official.workingDaysBetween("2025-01-24", "2025-02-10")).toBe(6);
  });

  it("HOLIDAYS in the environment still adds days off", () => {
    const cal = workCalendar(loadConfig({ HOLIDAYS: "2025-03-10" }), { daysOff: [], workingDays: [] });
    expect(cal.isWorkingDay("2025-03-10")).toBe(false);
  });
});
