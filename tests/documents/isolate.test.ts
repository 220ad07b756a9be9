// A heavy function in a worker: its result comes back; running out of memory, looping forever or
// failing ends in a typed error while this process carries on.
import { describe, expect, it } from "vitest";
import { runIsolated } from "../../src/documents/isolate.js";

const heavy = new URL("./fixtures/heavy.js", import.meta.url);

describe("runIsolated", () => {
  it("returns the function's result", async () => {
    expect(await runIsolated<number>(heavy, "wordCount", ["Thông báo kết luận giao ban"])).toEqual({ ok: true, value: 6 });
  });

  it("a function that allocates without bound ends with out_of_memory, this process unharmed", async () => {
    const before = process.memoryUsage().heapUsed;
    const result = await runIsolated(heavy, "allocateForever", [], { memoryMb: 64, timeoutMs: 20_000 });
    expect(result).toEqual({ ok: false, error: { kind: "out_of_memory" } });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
    expect(await runIsolated<number>(heavy, "wordCount", ["vẫn chạy"])).toEqual({ ok: true, value: 2 });
  }, 30_000);

  it("a function that loops forever ends with timeout", async () => {
    const started = Date.now();
    expect(await runIsolated(heavy, "loopForever", [], { timeoutMs: 1500 })).toEqual({ ok: false, error: { kind: "timeout" } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("an input refused as too big, and a plain failure, keep their reason", async () => {
    expect(await runIsolated(heavy, "refuseBigInput", [5e8])).toEqual({ ok: false, error: { kind: "too_big", message: "input of 500000000 bytes is over the limit" } });
    expect(await runIsolated(heavy, "throwPlain", [])).toEqual({ ok: false, error: { kind: "failed", message: "không đọc được tệp" } });
  });
});
