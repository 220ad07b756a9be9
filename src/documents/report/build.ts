// The report's files, built in a worker thread (src/documents/isolate.ts) so a large cycle never
// stalls the bot: the summary goes in as plain data, the file's bytes come back.
import { runIsolated } from "../isolate.js";
import { groupCounts, type Summary } from "../../domain/summary/compile.js";
import type { ChartInput } from "./chart.js";
import type { ReportHead } from "./head.js";

export type ReportKind = "docx" | "xlsx";

export interface ReportInput {
  summary: Summary;
  head: ReportHead;
  /** History entries per part id, for the register. */
  events: Record<number, number>;
}

// The libraries that draw and write the files (vega and resvg, docx, exceljs: some 60 MB) are
// imported where they are used: the bot's main thread imports this module only to start workers
// and never loads them, and a worker loads only those its file needs.

/** What the chart needs of `s`: a few numbers a unit, next to nothing for a worker to copy. */
function chartInput(s: Summary): ChartInput {
  return { month: s.month, today: s.today, units: s.units.map((u) => ({ code: u.code, counts: groupCounts(u) })) };
}

/** The chart as PNG, drawn in this thread; a worker's entry point. */
export async function drawChart(input: ChartInput): Promise<Uint8Array> {
  return (await import("./chart.js")).chartPng(input);
}

/**
 * Builds one file in this thread: a worker's entry point, and the command line's. `chart` is the
 * report's chart when drawn already (null: it could not be); without it, it is drawn here.
 */
export async function buildReport(kind: ReportKind, input: ReportInput, chart?: Uint8Array | null): Promise<Uint8Array> {
  if (kind === "xlsx") return (await import("./xlsx.js")).registerXlsx(input.summary, input.events);
  // A chart that cannot be drawn (no font, a renderer failure) leaves the annex without it.
  const png = chart !== undefined ? chart : await drawChart(chartInput(input.summary)).catch(() => null);
  return (await import("./docx.js")).reportDocx(input.summary, input.head, png);
}

/** Limits of one build: 10,000 tasks stay well within them (see the benchmark). */
const LIMITS = { memoryMb: 512, timeoutMs: 60_000 };

async function isolated(what: string, exportName: string, args: unknown[]): Promise<Buffer> {
  const result = await runIsolated<Uint8Array>(new URL(import.meta.url), exportName, args, LIMITS);
  if (!result.ok) throw new Error(`${what} not built: ${result.error.kind}${"message" in result.error ? ` ${result.error.message}` : ""}`);
  return Buffer.from(result.value.buffer, result.value.byteOffset, result.value.byteLength);
}

/** The summary's chart as PNG, drawn in a worker thread like the files. */
export function buildChartIsolated(summary: Summary): Promise<Buffer> {
  return isolated("chart", "drawChart", [chartInput(summary)]);
}

/** Builds one file in a worker thread; the bot's event loop stays free meanwhile. */
export async function buildReportIsolated(kind: ReportKind, input: ReportInput): Promise<Buffer> {
  // The report's chart is drawn first, in a worker of its own: its libraries' memory is given back
  // before the report's worker starts, instead of adding to it.
  const chart = kind === "docx" ? await buildChartIsolated(input.summary).catch(() => null) : null;
  return isolated(`report ${kind}`, "buildReport", [kind, input, chart]);
}
