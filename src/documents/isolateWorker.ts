// The worker side of isolate.ts: imports the module, calls the function, posts the result or the error.
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerReply } from "./isolate.js";

const { moduleUrl, exportName, args } = workerData as { moduleUrl: string; exportName: string; args: unknown[] };

let reply: WorkerReply;
try {
  const fn = (await import(moduleUrl))[exportName] as (...a: unknown[]) => unknown;
  // Structured cloning turns a Buffer into a plain Uint8Array; the function gets its Buffer back.
  const input = args.map((a) => (a instanceof Uint8Array ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : a));
  reply = { ok: true, value: await fn(...input) };
} catch (e) {
  const error = e as NodeJS.ErrnoException;
  reply = { ok: false, code: error?.code, message: error?.message ?? String(e) };
}
parentPort?.postMessage(reply);
