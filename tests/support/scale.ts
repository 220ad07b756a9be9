// A department at scale, written straight into the database in a few batched statements: `units`
// units, each with a registered head, one secretary, and an open December 2024 cycle whose tasks
// are all due on `deadline`. Shared by the scale tests and `npm run loadtest`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../src/db/client.js";
import { EXAMPLE_ORG_FILE } from "../../src/services/org.js";

const BATCH = 200;
export const SECRETARY_CHAT = 99;
export const headChat = (i: number) => 100_000 + i;
export const headName = (i: number) => `Trưởng đơn vị ${String(i + 1).padStart(4, "0")}`;
const unitCode = (i: number) => `U${String(i + 1).padStart(4, "0")}`;

/** The example org file with its units replaced by `units` numbered ones; returns its path. */
export function writeScaleOrg(dir: string, units: number): string {
  const org = JSON.parse(readFileSync(EXAMPLE_ORG_FILE, "utf8")) as Record<string, unknown>;
  org.units = Array.from({ length: units }, (_, i) => ({ code: unitCode(i), name: `Đơn vị số ${i + 1}`, aliases: [] }));
  const file = join(dir, "org.json");
  writeFileSync(file, JSON.stringify(org));
  return file;
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/**
 * Registers a head for every unit of the org in `db` (chat `headChat(i)`) and the secretary, and
 * stores `tasks` tasks spread over the units, one responsible part each, all due `deadline`.
 */
export async function seedScale(db: Db, options: { tasks: number; deadline: string }): Promise<{ units: number }> {
  const units = await db.unit.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  await inBatches(units.map((u, i) => ({ telegramUserId: String(headChat(i)), chatId: String(headChat(i)), name: headName(i), role: "unit_head" as const, unitId: u.id })), (data) => db.member.createMany({ data }));
  await db.member.create({ data: { telegramUserId: String(SECRETARY_CHAT), chatId: String(SECRETARY_CHAT), name: "Thư ký", role: "secretary" } });
  const cycle = await db.cycle.create({ data: { key: "2024-12", kind: "month", start: "2024-12-01", end: "2024-12-31" } });
  const numbers = Array.from({ length: options.tasks }, (_, i) => i);
  await inBatches(numbers, async (batch) => {
    const tasks = await db.task.createManyAndReturn({
      data: batch.map((i) => ({ cycleId: cycle.id, position: i + 1, content: `Nhiệm vụ số ${i + 1}: báo cáo kết quả thực hiện kế hoạch tháng`, deadline: options.deadline, deadlineStated: true })),
      select: { id: true, position: true },
    });
    await db.taskPart.createMany({ data: tasks.map((t) => ({ taskId: t.id, unitId: units[(t.position - 1) % units.length]!.id, deadline: options.deadline })) });
  });
  return { units: units.length };
}

export interface Verdict {
  heads: number;
  deliveredOnce: number;
  lost: number;
  duplicated: number;
  uncertain: number;
}

/** Who the secretary was told may or may not have got their message (the report's uncertain lines). */
function listedUncertain(secretaryTexts: string[]): Set<string> {
  const names = new Set<string>();
  for (const text of secretaryTexts) {
    for (const line of text.split("\n")) {
      const name = /^• (Trưởng đơn vị \d{4}) .*: không rõ đã đến chưa/.exec(line)?.[1];
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * Each head in exactly one group, judged from what the emulator received: duplicated (two or
 * more), uncertain (listed to the secretary as such, one or none), delivered once (one, not
 * listed), lost (none, not listed).
 */
export function judge(heads: number, received: (chat: number) => number, secretaryTexts: string[]): Verdict {
  const uncertainNames = listedUncertain(secretaryTexts);
  const verdict: Verdict = { heads, deliveredOnce: 0, lost: 0, duplicated: 0, uncertain: 0 };
  for (let i = 0; i < heads; i++) {
    const got = received(headChat(i));
    if (got >= 2) verdict.duplicated++;
    else if (uncertainNames.has(headName(i))) verdict.uncertain++;
    else if (got === 1) verdict.deliveredOnce++;
    else verdict.lost++;
  }
  return verdict;
}

const SEED_UNITS = ["Phòng Quản lý Khoa học", "Phòng Hành chính – Tổng hợp", "Phòng Quản lý Công nghệ", "Thanh tra Sở", "Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ"];

/** The seed notice with its task list replaced by `tasks` tasks spread over the seed's five units. */
export function bigNotice(seed: string, tasks: number): string {
  const head = seed.slice(0, seed.indexOf("2. Nhiệm vụ trọng tâm"));
  const tail = seed.slice(seed.indexOf("Nơi nhận"));
  const sections = SEED_UNITS.map((unit, u) => {
    const lines = [];
    for (let i = u; i < tasks; i += SEED_UNITS.length) lines.push(`- Nhiệm vụ số ${i + 1}: tham mưu, triển khai kế hoạch công tác, hoàn thành trước ngày 20/12/2024.`);
    return `(${u + 1}) ${unit}:\n\n${lines.join("\n\n")}`;
  });
  return `${head}2. Nhiệm vụ trọng tâm trong tháng 12 năm 2024\n\n${sections.join("\n\n")}\n\n${tail}`;
}
