// Structured logs: pino, one JSON line per event on stderr. Secrets (the bot token) are masked in the
// finished line, so they never leak through a message, an error's text or stack, or a URL inside
// them; pino's path-based `redact` could only blank whole fields.
import { pino } from "pino";

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  /** `err` is logged with its type, message and stack. */
  error(msg: string, err?: unknown, fields?: Fields): void;
}

/** Where the lines go; stderr unless a test gives its own. */
export interface LogDestination {
  write(line: string): void;
}

const stderr: LogDestination = { write: (line) => void process.stderr.write(line) };

export function createLogger(level: Level, secrets: (string | undefined)[] = [], destination: LogDestination = stderr): Logger {
  const hidden = secrets.filter((s): s is string => !!s);
  const mask = (text: string) => hidden.reduce((t, s) => t.split(s).join("***"), text);
  // Synchronous writes: the line that explains an exit is written before process.exit().
  const log = pino({ level, base: undefined }, { write: (line: string) => destination.write(mask(line)) });
  return {
    debug: (msg, fields) => log.debug(fields ?? {}, msg),
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, err, fields) => log.error({ ...fields, ...(err === undefined ? {} : { err }) }, msg),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
