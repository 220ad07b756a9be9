// Starts tests/support/botProcess.ts as a child process and follows the status lines it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

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
}

const SCRIPT = join(import.meta.dirname, "botProcess.ts");

export function spawnBot(env: Record<string, string>): BotChild {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
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
  return { process: child, status: () => last, exited, stderr: () => errors };
}
