// The worker side of isolate.ts: imports the module, calls the function, posts the result or the error.
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerReply } from "./isolate.js";

const { moduleUrl, exportName, args } = workerData as { moduleUrl: string; exportName: string; args: unknown[] };

let reply: WorkerReply;
try {
  const fn = (await import(moduleUrl))[exportName] as (...a: unknown[]) => unknown;
  reply = { ok: true, value: await fn(...args) };
} catch (e) {
  const error = e as NodeJS.ErrnoException;
  reply = { ok: false, code: error?.code, message: error?.message ?? String(e) };
}
parentPort?.postMessage(reply);
