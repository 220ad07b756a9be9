// One-line logs on stderr. The bot token is masked wherever it would appear (URLs, errors).
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export function createLogger(level: Level, secrets: (string | undefined)[] = []): Logger {
  const hidden = secrets.filter((s): s is string => !!s);
  const mask = (text: string) => hidden.reduce((t, s) => t.split(s).join("***"), text);
  const write = (l: Level, msg: string) => {
    if (ORDER[l] >= ORDER[level]) process.stderr.write(mask(`${new Date().toISOString()} ${l.toUpperCase()} ${msg}\n`));
  };
  return {
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m, err) => write("error", err ? `${m}: ${err instanceof Error ? err.message : String(err)}` : m),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
