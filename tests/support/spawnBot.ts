// Starts tests/support/botProcess.ts as a child process and follows the status lines it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { waitUntil, type Emulator } from "../../src/emulator/index.js";

export interface BotStatus {
  queued: number;
  unfinished: number;
  unreported: number;
  maxDelayMs: number;
  rssMiB: number;
}

export interface BotChild {
  process: ChildProcess;
  /** The last status line, once there is one. */
  status(): BotStatus | undefined;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Everything written to stderr, for a failure's explanation. */
  stderr(): string;
  /** Resolves once the bot has had nothing left to send or to report for 2 s (the sender reports on its next idle look). */
  finished(timeoutMs: number): Promise<void>;
}

const SCRIPT = join(import.meta.dirname, "botProcess.ts");
/** The bot process compiled, and the node flags to run it with. */
export interface CompiledBot {
  script: string;
  nodeFlags: string[];
}

/** How the bot process is started: under tsx from its source, unless given compiled. */
const startArgs = (compiled?: CompiledBot) => (compiled ? [...compiled.nodeFlags, compiled.script] : ["--import", "tsx", SCRIPT]);

/** The environment of a bot process on `databaseFile` and `orgFile`, talking to `emulator` on day BOT_DAY. */
export function botEnv(emulator: Emulator, files: { databaseFile: string; orgFile: string }): Record<string, string> {
  return { DATABASE_FILE: files.databaseFile, ORG_FILE: files.orgFile, TELEGRAM_API_ROOT: emulator.apiRoot, BOT_TOKEN: emulator.token, BOT_DAY: "2024-12-23" };
}

export function spawnBot(env: Record<string, string>, compiled?: CompiledBot): BotChild {
  const child = spawn(process.execPath, startArgs(compiled), { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let last: BotStatus | undefined;
  let pending = "";
  let errors = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith("{")) last = JSON.parse(line) as BotStatus;
  });
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  const finished = (timeoutMs: number) => {
    let calm = 0;
    return waitUntil(() => {
      calm = last && last.unfinished === 0 && last.unreported === 0 ? calm + 1 : 0;
      return calm >= 100; // checks every 20 ms
    }, timeoutMs, () => `the pass did not finish: ${JSON.stringify(last)}\n${errors}`);
  };
  return { process: child, status: () => last, exited, stderr: () => errors, finished };
}
