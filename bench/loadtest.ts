// `npm run loadtest -- --heads 1000 [--faults]`: a real reminder pass of the bot, as its own
// process, to `heads` unit heads on the local emulator. With --faults the emulator answers some
// sends with 429 (retry_after), 500, a reset before or after storing the message, or never, and the
// bot is killed with SIGKILL once mid-pass, then started again. What each head received is judged
// from the emulator's own record; the last line is the verdict.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startEmulator, waitUntil } from "../src/emulator/index.js";
import { npmStartFlags } from "./npmStart.js";
import { createScaleDatabase, judge, SECRETARY_CHAT } from "../tests/support/scale.js";
import { botEnv, spawnBot, type BotChild, type CompiledBot } from "../tests/support/spawnBot.js";

const { values } = parseArgs({ options: { heads: { type: "string", default: "1000" }, faults: { type: "boolean", default: false }, "tasks-per-head": { type: "string", default: "5" } } });
const heads = Number(values.heads);
const perHead = Number(values["tasks-per-head"]);
if (!Number.isInteger(heads) || heads < 1 || heads > 2000) throw new Error("--heads: a whole number from 1 to 2000");
if (!Number.isInteger(perHead) || perHead < 1 || perHead > 20) throw new Error("--tasks-per-head: a whole number from 1 to 20");
const tasks = heads * perHead;
const TELEGRAM_RATE = 30;
const PASS_LIMIT_S = 30 * 60;

const log = (line: string) => console.log(line);

/** The bot process compiled as `npm run build` compiles the bot, run with `npm start`'s node flags: measured as `npm start` runs. */
function buildBotProcess(): CompiledBot {
  const root = join(import.meta.dirname, "..");
  const out = join(root, "dist", "loadtest");
  const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs"), "--project", "bench/tsconfig.harness.json", "--out", out], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("the bot process did not compile");
  return { script: join(out, "tests", "support", "botProcess.js"), nodeFlags: npmStartFlags() };
}

async function main() {
  const bot = buildBotProcess();
  const dir = mkdtempSync(join(tmpdir(), "loadtest-"));
  const emulator = await startEmulator();
  try {
    const env = botEnv(emulator, await createScaleDatabase(dir, "bot", { units: heads, tasks }));
    log(`Node ${process.version} ${bot.nodeFlags.join(" ")}; ${heads} heads, ${tasks} due tasks${values.faults ? ", with faults and a kill -9 mid-pass" : ""}`);
    // Spread over the pass: 429s, 500s, resets before delivery, a few resets after it, and two requests never answered.
    const plan = values.faults ? emulator.injectFaults({ seed: 9, retryAfterS: 2, fractions: { rate_limit: 0.03, server_error: 0.05, reset_before: 0.02, reset_after: 0.002 }, calls: { [Math.ceil(heads / 5)]: "hang_stored", [Math.ceil(heads / 2)]: "hang_unstored" } }) : undefined;
    const reminders = () => emulator.deliveries.filter((d) => d.chatId !== SECRETARY_CHAT).length;
    const runs: BotChild[] = [spawnBot(env, bot)];
    if (values.faults) {
      await waitUntil(() => reminders() >= heads / 3, PASS_LIMIT_S * 1000, () => `no progress: ${runs[0]!.stderr()}`);
      runs[0]!.process.kill("SIGKILL");
      log(`killed the bot (SIGKILL) after ${reminders()} reminders had arrived; starting it again`);
      await runs[0]!.exited;
      runs.push(spawnBot(env, bot));
    }
    const last = runs.at(-1)!;
    await last.finished(PASS_LIMIT_S * 1000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRss = last.status()!.rssMiB;
    last.process.kill("SIGTERM");
    await last.exited;

    const stats = emulator.deliveryStats();
    const times = emulator.deliveries.filter((d) => d.chatId !== SECRETARY_CHAT).map((d) => d.at);
    const passS = (Math.max(...times) - Math.min(...times)) / 1000;
    const verdict = judge(heads, (chat) => stats.perChat.get(chat) ?? 0, emulator.botMessages(SECRETARY_CHAT).map((m) => m.text ?? ""));
    const maxDelay = Math.max(...runs.map((r) => r.status()?.maxDelayMs ?? 0));
    if (plan) {
      const count = new Map<string, number>();
      for (const kind of plan.history) if (kind) count.set(kind, (count.get(kind) ?? 0) + 1);
      log(`faults injected over ${plan.history.length} sends: ${[...count].map(([kind, n]) => `${kind} ${n}`).join(", ")}`);
    }
    log(`pass: ${times.length} reminder messages arrived over ${passS.toFixed(1)} s (${heads} at ${TELEGRAM_RATE}/s: ${(heads / TELEGRAM_RATE).toFixed(1)} s)`);
    log(`secretary: ${emulator.botMessages(SECRETARY_CHAT).length} report message(s); idle RSS of the bot process ${idleRss.toFixed(0)} MiB`);
    log(`heads ${heads}: delivered once ${verdict.deliveredOnce}, lost ${verdict.lost}, duplicated ${verdict.duplicated}, uncertain ${verdict.uncertain}, peak rate ${stats.peakPerSecond} msg/s, max per-chat rate ${stats.maxPerChatPerSecond} msg/s, max event-loop delay ${maxDelay.toFixed(0)} ms`);
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
