// What every part of the running bot shares: the database, the configuration, the clock.
import type { Config } from "./config/env.js";
import type { Db } from "./db/client.js";
import { dayIn, hourIn, WorkCalendar, type Clock } from "./domain/calendar.js";
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
}

export function createApp(input: { db: Db; config: Config; clock: Clock; log: Logger }): App {
  const { config, clock } = input;
  return {
    ...input,
    calendar: new WorkCalendar(new Set(config.workingDays), new Set(config.holidays)),
    today: () => dayIn(clock(), config.timeZone),
    hour: () => hourIn(clock(), config.timeZone),
  };
}
