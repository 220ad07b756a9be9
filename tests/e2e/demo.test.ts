// `npm run demo` as a newcomer runs it: a whole cycle against the local emulator, no token.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { expect, it } from "vitest";
import { bot as t, demo, intake, summary } from "../../src/messages/index.js";

const root = join(import.meta.dirname, "..", "..");

it("plays import, reminder, button and note, and the director's summary, then saves the .docx", async () => {
  const cwd = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "src", "demo", "index.ts")], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = run.stdout;
    const order = [
      demo.title,
      intake.stored(24, 56, 8, "2024-12", 0, 0),
      t.reminderTitle("2024-12-23", "Phòng Hành chính – Tổng hợp"),
      t.noteSaved(15),
      summary.title("12/2024"),
      demo.done,
    ].map((text) => out.indexOf(text));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const docx = join(cwd, "data", "demo", "bao-cao-giao-ban-2024-12.docx");
    expect(existsSync(docx)).toBe(true);
    const { value } = await mammoth.extractRawText({ path: docx });
    expect(value).toContain("Chưa có lịch họp của Lãnh đạo Sở");
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
