// Runs a CPU- or memory-heavy function (reading an uploaded .docx) in a worker thread with a memory
// ceiling and a time limit, so a hostile file costs a worker, never the bot: the worker is killed
// and the caller gets a typed error.
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface IsolateLimits {
  /** V8 old-generation heap of the worker, in MB. */
  memoryMb: number;
  timeoutMs: number;
}

export const ISOLATE_LIMITS: IsolateLimits = { memoryMb: 256, timeoutMs: 20_000 };

/** An isolated function throws an error with this code when its input is over a limit it checks itself. */
export const TOO_BIG = "too_big";

export type IsolateError =
  | { kind: "too_big"; message: string }
  | { kind: "timeout" }
  | { kind: "out_of_memory" }
  | { kind: "failed"; message: string };

export type IsolateResult<T> = { ok: true; value: T } | { ok: false; error: IsolateError };

/** What the worker posts back. */
export type WorkerReply = { ok: true; value: unknown } | { ok: false; code?: string; message: string };

// Under tsx or vitest this file is TypeScript and so is the worker; from dist/ both are JavaScript.
const ownExtension = extname(fileURLToPath(import.meta.url));
const WORKER = new URL(`./isolateWorker${ownExtension}`, import.meta.url);

/**
 * The worker's first code: under TypeScript it registers tsx's loader in the worker itself (Node 20
 * does not pass `--import` hooks on to workers), then it loads the worker module. Only dynamic
 * imports: the eval'd code is CommonJS or ESM depending on the parent's flags.
 */
const BOOTSTRAP = `import("node:worker_threads").then(async ({ workerData }) => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.worker);
});`;
const TSX_API = ownExtension === ".ts" ? import.meta.resolve("tsx/esm/api") : undefined;

/**
 * Calls `exportName` of the module at `moduleUrl` with `args` (structured-cloned) in a fresh worker.
 * Pass the module as `new URL("./x.js", import.meta.url)`: the worker resolves it like an import.
 */
export function runIsolated<T>(moduleUrl: URL, exportName: string, args: unknown[], limits: Partial<IsolateLimits> = {}): Promise<IsolateResult<T>> {
  const { memoryMb, timeoutMs } = { ...ISOLATE_LIMITS, ...limits };
  return new Promise((resolve) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { worker: WORKER.href, tsx: TSX_API, moduleUrl: moduleUrl.href, exportName, args },
      // A young generation past 16 MB only holds more garbage between scavenges: the 10,000-task
      // report peaked 20 MiB higher with 32 MB, and was built no faster.
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(16, memoryMb / 4) },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (result: IsolateResult<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const gone = worker.terminate();
      // A worker that answered or failed exits at once: waiting for it gives its memory back before
      // the caller goes on (the report starts its worker right after the chart's). One that timed
      // out may be stuck in native code, and the caller does not wait for it.
      if (!result.ok && result.error.kind === "timeout") resolve(result);
      else void gone.finally(() => resolve(result));
    };
    const timer = setTimeout(() => finish({ ok: false, error: { kind: "timeout" } }), timeoutMs);
    worker.once("message", (reply: WorkerReply) => {
      if (reply.ok) finish({ ok: true, value: reply.value as T });
      else if (reply.code === TOO_BIG) finish({ ok: false, error: { kind: "too_big", message: reply.message } });
      else finish({ ok: false, error: { kind: "failed", message: reply.message } });
    });
    worker.once("error", (e: NodeJS.ErrnoException) => {
      finish({ ok: false, error: e.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "out_of_memory" } : { kind: "failed", message: e.message } });
    });
    worker.once("exit", (code) => finish({ ok: false, error: { kind: "failed", message: `worker exited with code ${code}` } }));
  });
}
