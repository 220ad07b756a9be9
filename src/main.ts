// `npm start`: the bot, configured from the environment (.env is read if present).
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config/env.js";
import { systemClock } from "./domain/calendar.js";
import { OrgError } from "./domain/org.js";
import { createLogger } from "./logger.js";
import { admin as t } from "./messages/index.js";
import { startServer, type Server } from "./server.js";

if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(2);
}
if (!config.botToken) {
  process.stderr.write(`${t.noToken}\n`);
  process.exit(2);
}
const log = createLogger(config.logLevel, [config.botToken]);
// A stop asked for while the bot is still starting (its catch-up may take a while) waits for the
// start, then stops cleanly; a second one ends the process at once.
let server: Server | undefined;
let stopAsked: NodeJS.Signals | undefined;
const stop = (signal: NodeJS.Signals) => void server!.stop(signal).then(() => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopAsked) process.exit(1);
    stopAsked = signal;
    if (server) stop(signal);
  });
}
try {
  server = await startServer({ ...config, botToken: config.botToken }, { clock: systemClock, log });
  if (stopAsked) stop(stopAsked);
  // A bot that no longer hears Telegram stops with one line and a failure code, so that the
  // operator (or systemd) sees it, instead of running on deaf.
  void server.lost.then(async (line) => {
    log.error(line);
    await server!.stop("lost").catch(() => undefined);
    process.exit(1);
  });
} catch (e) {
  if (e instanceof OrgError) {
    process.stderr.write(`${t.orgInvalidList(e.problems)}\n`);
    process.exit(2);
  }
  log.error(t.startFailed, e);
  process.exit(1);
}
