// `npx tsx bench/report.ts`: the 10,000-task report .docx built as the bot builds it (a worker
// thread), each run in a fresh Node process so that its peak memory is the build's and nothing
// earlier's. Runs the compiled bot (dist/, as `npm start` runs it: the bench runs `npm run build`
// first) and the TypeScript sources under tsx (as the tests and the demo run them). Prints medians
// of 3 runs: wall and CPU time, the process's peak RSS (VmHWM: the main thread, the worker and
// tsx's loader thread together), its RSS just before the build, and the main thread's CPU time and
// longest event-loop delay, beside the delay it sees doing nothing for as long (on a shared
// machine, not every delay is the bot's).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseOrg } from "../src/domain/org.js";
import type { TaskView } from "../src/domain/types.js";
import { npmStartFlags } from "./npmStart.js";

const ROOT = join(import.meta.dirname, "..");
const RUNS = 3;
const TASKS = 10_000;
const UNITS = ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"];
const STATUSES = ["open", "in_progress", "blocked", "done"] as const;

/** The same cycle as `npm run bench`: every state, every tenth task shared by the five units. */
function syntheticTasks(n: number): TaskView[] {
  return Array.from({ length: n }, (_, i) => {
    const id = i + 1;
    const content = `Nhiệm vụ số ${id}: tham mưu, triển khai thực hiện theo kế hoạch của Sở Khoa học và Công nghệ`;
    const deadline = `2024-12-${String((i % 28) + 1).padStart(2, "0")}`;
    const part = {
      id, taskId: id, role: "lead" as const, unitCode: UNITS[i % UNITS.length]!, content, deadline, deadlineStated: i % 3 === 0,
      status: STATUSES[i % 4]!, note: i % 4 === 2 ? "Chờ ý kiến của Văn phòng UBND tỉnh" : null, doneOn: i % 4 === 3 ? "2024-12-20" : null, reported: i % 2 === 0,
    };
    const parts = id % 10 === 0 ? UNITS.map((unitCode, u) => ({ ...part, id: id * 10 + u, unitCode })) : [part];
    return { id, content, deadline, deadlineStated: part.deadlineStated, parts };
  });
}

/**
 * The child's program (plain ESM, so the compiled run loads no TypeScript loader): compiles the
 * summary as the bot does from its tasks, then builds the .docx in the worker while it watches
 * its own event loop, and prints what it measured as one JSON line.
 */
const CHILD = `
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
const [modules, dataFile] = process.argv.slice(1);
const { src, ext } = JSON.parse(modules);
const { compileSummary } = await import(src + "/domain/summary/compile" + ext);
const { buildReportIsolated } = await import(src + "/documents/report/build" + ext);
const { reportHead } = await import(src + "/documents/report/head" + ext);
const { units, tasks } = JSON.parse(readFileSync(dataFile, "utf8"));
const summary = compileSummary({ month: "2024-12", today: "2024-12-26", units, tasks });
const input = { summary, head: reportHead({ department: "Sở Khoa học và Công nghệ", report: undefined }), events: {} };
const status = (key) => Number(new RegExp(key + ":\\\\s+(\\\\d+) kB").exec(readFileSync("/proc/self/status", "utf8"))[1]) / 1024;
const idle = status("VmRSS");
// The main thread's own CPU time (the process's first thread: utime and stime, in clock ticks of 10 ms).
const mainCpu = () => readFileSync("/proc/self/task/" + process.pid + "/stat", "utf8").split(") ")[1].split(" ").slice(11, 13).reduce((a, b) => a + Number(b) * 10, 0);
const mainStart = mainCpu();
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
// The monitor misses a block that follows enable() at once: the build starts after its first ticks.
await new Promise((resolve) => setTimeout(resolve, 50));
const start = performance.now();
const cpuStart = process.cpuUsage();
const bytes = await buildReportIsolated("docx", input);
const time = performance.now() - start;
const { user, system } = process.cpuUsage(cpuStart);
const mainThread = mainCpu() - mainStart;
delay.disable();
// The control: as long again with nothing to do.
const idleDelay = monitorEventLoopDelay({ resolution: 10 });
idleDelay.enable();
await new Promise((resolve) => setTimeout(resolve, time));
idleDelay.disable();
console.log(JSON.stringify({ time, cpu: (user + system) / 1000, mainCpu: mainThread, stall: delay.max / 1e6, idleStall: idleDelay.max / 1e6, peak: status("VmHWM"), idle, size: bytes.length / 2 ** 20 }));
`;

interface Run {
  time: number;
  cpu: number;
  mainCpu: number;
  stall: number;
  idleStall: number;
  peak: number;
  idle: number;
  size: number;
}

function runChild(loader: string[], modules: { src: string; ext: string }, dataFile: string): Run {
  const args = [...loader, "--input-type=module", "-e", CHILD, JSON.stringify(modules), dataFile];
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  if (child.status !== 0) throw new Error(`report bench child failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Run;
}

const median = (runs: Run[], key: keyof Run) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
const row = (name: string, value: string) => console.log(`${name.padEnd(66)} ${value}`);

function report(name: string, runs: Run[]) {
  row(`report .docx of ${TASKS.toLocaleString("en")} tasks in a worker, ${name}, ${runs.length} runs`, `${median(runs, "time").toFixed(0)} ms`);
  row("  CPU time of the process, all threads (steadier on a busy machine)", `${median(runs, "cpu").toFixed(0)} ms`);
  row("  CPU time of the main thread alone (handing the summary to the worker)", `${median(runs, "mainCpu").toFixed(0)} ms`);
  row("  max event-loop delay of the main thread while it is built", `${median(runs, "stall").toFixed(1)} ms`);
  row("  the same, as long again with nothing to do (the machine's noise)", `${median(runs, "idleStall").toFixed(1)} ms`);
  row("  peak RSS of the process (VmHWM: main thread + worker)", `${median(runs, "peak").toFixed(0)} MiB`);
  row("  RSS just before the build (modules loaded, summary compiled)", `${median(runs, "idle").toFixed(0)} MiB`);
  row("  the .docx", `${median(runs, "size").toFixed(2)} MiB`);
}

function main() {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
  const dir = mkdtempSync(join(tmpdir(), "bench-report-"));
  try {
    const org = parseOrg(readFileSync(join(ROOT, "org", "skhcn-quang-ngai.json"), "utf8"));
    const dataFile = join(dir, "tasks.json");
    writeFileSync(dataFile, JSON.stringify({ units: org.units, tasks: syntheticTasks(TASKS) }));
    const modes = [
      { name: `compiled (dist/, ${npmStartFlags().join(" ")})`, loader: npmStartFlags(), src: join(ROOT, "dist", "src"), ext: ".js" },
      { name: "under tsx", loader: ["--import", "tsx"], src: join(ROOT, "src"), ext: ".ts" },
    ];
    for (const mode of modes) {
      const modules = { src: pathToFileURL(mode.src).href, ext: mode.ext };
      report(mode.name, Array.from({ length: RUNS }, () => runChild(mode.loader, modules, dataFile)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
