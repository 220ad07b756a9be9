// `npm run bench`: speed and memory of the work the bot does, in medians (the machines are shared
// and noisy: compare ratios, not single runs). Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/client.js";
import { listUnits, loadOrg } from "../src/db/org.js";
import { openPartsDueBy } from "../src/db/tasks.js";
import { WorkCalendar } from "../src/domain/calendar.js";
import { parseNotice } from "../src/domain/notice/parse.js";
import { dueTasks } from "../src/domain/reminders.js";
import { compileSummary } from "../src/domain/summary/compile.js";
import { splitMessage } from "../src/domain/text.js";
import type { PartView, TaskView } from "../src/domain/types.js";
import { buildReportIsolated } from "../src/documents/report/build.js";
import { reportHead } from "../src/documents/report/head.js";
import { summaryMessage } from "../src/documents/report/message.js";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { commitImport, prepareImport } from "../src/services/intake.js";
import { ensureOrg } from "../src/services/org.js";
import { npmStartFlags } from "./npmStart.js";

const notice = readFileSync(join(import.meta.dirname, "..", "examples", "conclusion-notice-2024-11.txt"), "utf8");

async function median(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const row = (name: string, value: string) => console.log(`${name.padEnd(66)} ${value}`);

const UNITS = ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"];

/** `n` responsible parts over the five units, in every state. */
function syntheticParts(n: number): PartView[] {
  const statuses = ["open", "in_progress", "blocked", "done"] as const;
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    taskId: i + 1,
    role: "lead" as const,
    unitCode: UNITS[i % UNITS.length]!,
    content: `Nhiệm vụ số ${i + 1}: tham mưu, triển khai thực hiện theo kế hoạch của Sở Khoa học và Công nghệ`,
    deadline: `2024-12-${String((i % 28) + 1).padStart(2, "0")}`,
    deadlineStated: i % 3 === 0,
    status: statuses[i % 4]!,
    note: i % 4 === 2 ? "Chờ ý kiến của Văn phòng UBND tỉnh" : null,
    doneOn: i % 4 === 3 ? "2024-12-20" : null,
    reported: i % 2 === 0,
  }));
}

/** `n` tasks, every tenth shared by the five units. */
function syntheticTasks(n: number): TaskView[] {
  return syntheticParts(n).map((p) => {
    const parts = p.id % 10 === 0 ? UNITS.map((unitCode, u) => ({ ...p, id: p.id * 10 + u, unitCode })) : [p];
    return { id: p.taskId, content: p.content, deadline: p.deadline, deadlineStated: p.deadlineStated, parts };
  });
}

/** The median time of storing a notice of `tasks` tasks (0: the seed), in its own process run with `nodeFlags`. */
function storeMedian(tasks: number, nodeFlags: string[]): number {
  const child = spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", join(import.meta.dirname, "store.ts"), String(tasks)], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`bench/store.ts failed: ${child.stderr}`);
  return Number(child.stdout.trim());
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const db = await openDatabase(join(dir, "bench.db"));
  await ensureOrg(db, undefined);
  const units = await listUnits(db);
  const calendar = new WorkCalendar(new Set([1, 2, 3, 4, 5]));
  console.log(`Node ${process.version}, ${new Date().toISOString()}; medians\n`);

  const org = await loadOrg(db);
  const seedParse = await median(50, () => parseNotice(notice, org));
  row("parse the seed notice (10 KB, 56 task rows)", ms(seedParse));
  const big = notice.repeat(100);
  const bigParse = await median(5, () => parseNotice(big, org));
  row(`parse a 100× paste (${(big.length / 1e6).toFixed(1)} MB)`, `${ms(bigParse)} (${(bigParse / seedParse).toFixed(0)}× the seed for 100× the text)`);

  for (const [name, tasks] of [["the seed notice (24 tasks, 56 parts + history)", 0], ["a notice of 5,000 tasks (5,000 parts + history)", 5000]] as const) {
    const plain = storeMedian(tasks, []);
    row(`store ${name}, 5 runs`, `${ms(plain)}; ${ms(storeMedian(tasks, npmStartFlags()))} with npm start's ${npmStartFlags().filter((f) => f !== "--enable-source-maps").join(" ")}`);
  }
  const seeded = await prepareImport(db, notice, "2024-12-04"); // the tasks the scan query below reads
  if (seeded.ok) await commitImport(db, seeded, { memberId: null, decision: { carry: true }, late: false, at: new Date(), today: "2024-12-04" });

  for (const n of [1_000, 10_000]) {
    const tasks = syntheticParts(n);
    const select = await median(20, () => dueTasks({ today: "2024-12-23", tasks, lastOverdue: new Map(), calendar, rules: { dueSoonDays: 3, overdueRepeatWorkingDays: 2 } }));
    row(`reminder selection over ${n} tasks`, ms(select));
  }
  const scan = await median(20, () => openPartsDueBy(db, "2024-12-26"));
  row("reminder scan query (the seed's 56 tasks, indexed)", ms(scan));

  for (const n of [56, 2_000, 10_000]) {
    const summary = compileSummary({ month: "2024-12", today: "2024-12-26", units, tasks: syntheticTasks(n) });
    const text = await median(10, () => summaryMessage(summary));
    row(`summary of ${n} tasks: the message (${splitMessage(summaryMessage(summary)).length} message, ${summaryMessage(summary).length} chars)`, ms(text));
  }
  // The 10,000-task report built as the bot builds it (a worker thread), while the event loop's
  // delay and the process's resident memory (the worker's included) are sampled.
  const big10k = compileSummary({ month: "2024-12", today: "2024-12-26", units, tasks: syntheticTasks(10_000) });
  const input = { summary: big10k, head: reportHead({ department: "Sở Khoa học và Công nghệ", report: undefined }), events: {} };
  const runs: { time: number; stall: number; rss: number; growth: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    delay.enable();
    const start = performance.now();
    await buildReportIsolated("docx", input);
    const time = performance.now() - start;
    delay.disable();
    clearInterval(sampler);
    runs.push({ time, stall: delay.max / 1e6, rss: peak / 2 ** 20, growth: (peak - before) / 2 ** 20 });
  }
  const med = (k: "time" | "stall" | "rss" | "growth") => runs.map((r) => r[k]).sort((a, b) => a - b)[1]!;
  row("report .docx of 10,000 tasks in a worker (3 runs)", ms(med("time")));
  row("  max event-loop delay while it is built", ms(med("stall")));
  row("  peak RSS of the process (bot + worker) while it is built", `${med("rss").toFixed(0)} MiB (+${med("growth").toFixed(0)} MiB for the build)`);

  const mem = process.memoryUsage();
  row("memory after all of the above: rss / heap used", `${(mem.rss / 2 ** 20).toFixed(0)} MiB / ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

await main();
await (await import("./status.js")).benchStatusPress();
