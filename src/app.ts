// What every part of the running bot shares: the database, the configuration, the clock.
import type { Config } from "./config/env.js";
import type { Db } from "./db/client.js";
import { dayIn, hourIn, WorkCalendar, type Clock } from "./domain/calendar.js";
import { vietnamHolidays } from "./domain/holidays.js";
import type { Org } from "./domain/org.js";
import type { Logger } from "./logger.js";

export interface App {
  db: Db;
  config: Config;
  clock: Clock;
  calendar: WorkCalendar;
  log: Logger;
  /** Today in the department's time zone. */
  today(): string;
  /** The hour now in the department's time zone. */
  hour(): number;
  /** Tells the sender the outbox has new messages (a no-op until the sender runs). */
  wakeSender(): void;
}

/** The working calendar: the configured weekdays, Vietnam's public holidays, the org's and the environment's changes. */
export function workCalendar(config: Config, changes: Org["calendar"]): WorkCalendar {
  const restDays = new Set([1, 2, 3, 4, 5, 6, 7].filter((d) => !config.workingDays.includes(d)));
  return new WorkCalendar(new Set(config.workingDays), {
    daysOff: [...config.holidays, ...changes.daysOff],
    workingDays: changes.workingDays,
    publicHolidays: (year) => vietnamHolidays(year, restDays),
  });
}

/** `calendar`: the org's swaps and extra days off (none when not given). */
export function createApp(input: { db: Db; config: Config; clock: Clock; log: Logger; calendar?: Org["calendar"] }): App {
  const { config, clock } = input;
  return {
    ...input,
    calendar: workCalendar(config, input.calendar ?? { daysOff: [], workingDays: [] }),
    today: () => dayIn(clock(), config.timeZone),
    wakeSender: () => undefined,
    hour: () => hourIn(clock(), config.timeZone),
  };
}
