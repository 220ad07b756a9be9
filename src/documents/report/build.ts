// The report's files, built in a worker thread (src/documents/isolate.ts) so a large cycle never
// stalls the bot: the summary goes in as plain data, the file's bytes come back.
import { runIsolated, type IsolateResult } from "../isolate.js";
import type { Summary } from "../../domain/summary/compile.js";
import { reportHead, type ReportHead } from "./head.js";

export type ReportKind = "docx" | "xlsx" | "chart";

export interface ReportInput {
  summary: Summary;
  head: ReportHead;
  /** History entries per part id, for the register. */
  events: Record<number, number>;
}

/**
 * Builds one file in this thread; the worker's entry point. The renderers (vega, resvg, docx,
 * exceljs) are loaded here, in the worker: they weigh about 100 MB that the bot never needs.
 */
export async function buildReport(kind: ReportKind, input: ReportInput): Promise<Uint8Array> {
  const { chartPng } = await import("./chart.js");
  if (kind === "chart") return chartPng(input.summary);
  if (kind === "xlsx") return (await import("./xlsx.js")).registerXlsx(input.summary, input.events);
  const { reportDocx } = await import("./docx.js");
  // A chart that cannot be drawn (no font, a renderer failure) leaves the annex without it.
  const chart = await chartPng(input.summary).catch(() => null);
  return reportDocx(input.summary, input.head, chart);
}

/** The summary's chart as PNG, drawn in a worker thread like the files. */
export function buildChartIsolated(summary: Summary): Promise<Buffer> {
  return buildReportIsolated("chart", { summary, head: reportHead({ department: "", report: undefined }), events: {} });
}

/** Limits of one build: 10,000 tasks stay well within them (see the benchmark). */
const LIMITS = { memoryMb: 512, timeoutMs: 60_000 };

/** Builds one file in a worker thread; the bot's event loop stays free meanwhile. */
export async function buildReportIsolated(kind: ReportKind, input: ReportInput): Promise<Buffer> {
  const result: IsolateResult<Uint8Array> = await runIsolated(new URL(import.meta.url), "buildReport", [kind, input], LIMITS);
  if (!result.ok) throw new Error(`report ${kind} not built: ${result.error.kind}${"message" in result.error ? ` ${result.error.message}` : ""}`);
  return Buffer.from(result.value.buffer, result.value.byteOffset, result.value.byteLength);
}
