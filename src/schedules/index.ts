// The one place that owns the schedules. Each job calls the same function a command can call;
// the keys of the outbox make a run that overlaps another, or repeats it, send nothing twice.
import cron, { type ScheduledTask } from "node-cron";
import type { App } from "../app.js";
import { runDigest } from "../services/digest.js";
import { runReminderPass } from "../services/reminders.js";

function guarded(app: App, name: string, job: () => Promise<unknown>) {
  return async () => {
    try {
      await job();
    } catch (e) {
      app.log.error(`${name} failed`, e);
    }
  };
}

/** Runs what the schedule would already have run today had the bot been up (a missed pass). */
export async function catchUp(app: App): Promise<void> {
  if (app.hour() >= app.config.reminderHour) await guarded(app, "reminder catch-up", () => runReminderPass(app))();
  await guarded(app, "digest catch-up", () => runDigest(app))();
}

export function startSchedules(app: App): { stop(): Promise<void> } {
  const options = { timezone: app.config.timeZone, noOverlap: true };
  const tasks: ScheduledTask[] = [
    cron.schedule(`0 ${app.config.reminderHour} * * *`, guarded(app, "reminder pass", () => runReminderPass(app)), options),
    cron.schedule(`0 ${app.config.digestHour} * * *`, guarded(app, "digest", () => runDigest(app)), options),
  ];
  return {
    async stop() {
      for (const task of tasks) await task.destroy();
    },
  };
}
