// The bot as its own process, for what only a process boundary shows: a kill -9 mid-pass, and the
// load test. Configured from the environment like `npm start`; its clock starts at 07:30 on
// BOT_DAY (so the start-up catch-up does not remind), moves to 08:05 once the bot is up, and the
// day's reminder pass runs as the 08:00 schedule runs it. Every 200 ms it prints one JSON line:
// the outbox's unfinished messages and failures not yet reported, the largest event-loop delay since the pass began, and RSS.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../../src/config/env.js";
import { unreported } from "../../src/db/outbox.js";
import { createLogger } from "../../src/logger.js";
import { startServer } from "../../src/server.js";
import { runReminderPass } from "../../src/services/reminders.js";
import { vnTime } from "./data.js";

const day = process.env.BOT_DAY ?? "2024-12-23";
let now = vnTime(`${day} 07:30`);
const config = loadConfig();
const log = createLogger("warn", [config.botToken]);
const server = await startServer({ ...config, botToken: config.botToken! }, { clock: () => now, log });
await server.menus; // set long before a real morning's pass

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
now = vnTime(`${day} 08:05`);
const pass = await runReminderPass(server.app);

const report = async () => {
  const [unfinished, waitingReport] = await Promise.all([
    server.app.db.delivery.count({ where: { state: { in: ["queued", "sending"] } } }),
    unreported(server.app.db),
  ]);
  process.stdout.write(`${JSON.stringify({ queued: pass.queued, unfinished, unreported: waitingReport.length, maxDelayMs: delay.max / 1e6, rssMiB: process.memoryUsage().rss / 2 ** 20 })}\n`);
};
const timer = setInterval(() => void report(), 200);
process.once("SIGTERM", () => {
  clearInterval(timer);
  void server.stop("SIGTERM").then(() => process.exit(0));
});
