// What an operator reads in the logs: JSON lines at the configured level, errors with their stack,
// and never the bot token, wherever it hides.
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

function capture(level: "debug" | "info" | "warn" | "error") {
  const lines: string[] = [];
  const log = createLogger(level, [token, undefined], { write: (line) => void lines.push(line) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logger", () => {
  it("writes one JSON line per event with level, time and message, and drops lines below the level", () => {
    const { log, parsed } = capture("info");
    log.debug("not shown");
    log.info("connected", { chats: 3 });
    log.warn("slow");
    expect(parsed()).toMatchObject([{ level: 30, msg: "connected", chats: 3 }, { level: 40, msg: "slow" }]);
    expect(typeof parsed()[0]?.time).toBe("number");
  });

  it("keeps an error's type and stack", () => {
    const { log, parsed } = capture("info");
    log.error("update 5 failed", new TypeError("boom"));
    const err = parsed()[0]?.err as { type: string; message: string; stack: string };
    expect(err).toMatchObject({ type: "TypeError", message: "boom" });
    expect(err.stack).toMatch(/at .*logger\.test\.ts/);
  });

  it("masks the token in messages, fields, error messages, stacks and URLs", () => {
    const { log, lines } = capture("debug");
    const url = `https://api.telegram.org/bot${token}/getUpdates`;
    log.debug(`GET ${url}`);
    log.info("request", { url });
    const failure = new Error(`request to ${url} failed, reason: ECONNRESET`);
    failure.stack = `${failure.stack}\n    at fetch (${url})`;
    log.error("polling failed", failure, { cause: { url } });
    expect(lines).toHaveLength(3);
    expect(lines.join("")).not.toContain(token);
    expect(lines.join("")).not.toContain(token.split(":")[1]);
    expect(lines.join("")).toContain("https://api.telegram.org/bot***/getUpdates");
  });
});
