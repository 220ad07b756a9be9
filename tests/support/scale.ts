// A department at scale, written straight into the database in a few batched statements: `units`
// units, each with a registered head, one secretary, and an open December 2024 cycle whose tasks
// are all due on one day. Shared by the scale tests and `npm run loadtest`, with the verdict on
// what each head received.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, type Db } from "../../src/db/client.js";
import { insertRows } from "../../src/db/insert.js";
import { delivery } from "../../src/messages/index.js";
import { ensureOrg, EXAMPLE_ORG_FILE } from "../../src/services/org.js";

export const SECRETARY_CHAT = 99;
export const DUE_DAY = "2024-12-24";
export const headChat = (i: number) => 100_000 + i;
export const headName = (i: number) => `Trưởng đơn vị ${String(i + 1).padStart(4, "0")}`;
const unitCode = (i: number) => `U${String(i + 1).padStart(4, "0")}`;
const unitName = (i: number) => `Đơn vị số ${i + 1}`;

/** The example org file with its units replaced by `units` numbered ones; returns its path. */
export function writeScaleOrg(dir: string, units: number): string {
  const org = JSON.parse(readFileSync(EXAMPLE_ORG_FILE, "utf8")) as Record<string, unknown>;
  org.units = Array.from({ length: units }, (_, i) => ({ code: unitCode(i), name: unitName(i), aliases: [] }));
  const file = join(dir, "org.json");
  writeFileSync(file, JSON.stringify(org));
  return file;
}

/**
 * Registers a head for every unit of the org in `db` (chat `headChat(i)`) and the secretary, and
 * stores `tasks` tasks spread over the units in turn, one responsible part each, all due `deadline`.
 */
export async function seedScale(db: Db, options: { tasks: number; deadline: string }): Promise<void> {
  const units = await db.unit.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  const at = new Date();
  await insertRows(db, "Member", units.map((u, i) => ({ telegramUserId: String(headChat(i)), chatId: String(headChat(i)), name: headName(i), role: "unit_head", unitId: u.id, reachable: true, createdAt: at })));
  await db.member.create({ data: { telegramUserId: String(SECRETARY_CHAT), chatId: String(SECRETARY_CHAT), name: "Thư ký", role: "secretary" } });
  const cycle = await db.cycle.create({ data: { key: "2024-12", kind: "month", start: "2024-12-01", end: "2024-12-31" } });
  const tasks = await insertRows<{ id: bigint; position: bigint }>(db, "Task", Array.from({ length: options.tasks }, (_, i) => ({
    cycleId: cycle.id, position: i + 1, content: `Nhiệm vụ số ${i + 1}: báo cáo kết quả thực hiện kế hoạch tháng`, deadline: options.deadline, deadlineStated: true, createdAt: at,
  })), { returning: ["id", "position"] });
  await insertRows(db, "TaskPart", tasks.map((t) => ({ taskId: Number(t.id), unitId: units[(Number(t.position) - 1) % units.length]!.id, deadline: options.deadline, createdAt: at, updatedAt: at })));
}

/** A database file in `dir` with a scale org of `units` units (its file beside it) and `tasks` tasks due DUE_DAY. */
export async function createScaleDatabase(dir: string, name: string, options: { units: number; tasks: number }): Promise<{ databaseFile: string; orgFile: string }> {
  const orgFile = writeScaleOrg(dir, options.units);
  const databaseFile = join(dir, `${name}.db`);
  const db = await openDatabase(databaseFile);
  try {
    await ensureOrg(db, orgFile);
    await seedScale(db, { tasks: options.tasks, deadline: DUE_DAY });
  } finally {
    await db.$disconnect();
  }
  return { databaseFile, orgFile };
}

export interface Verdict {
  heads: number;
  deliveredOnce: number;
  lost: number;
  duplicated: number;
  uncertain: number;
}

/** Whether the secretary's reports list head `i` as uncertain, in the line the bot writes for it. */
function listedUncertain(secretaryTexts: string[]): (i: number) => boolean {
  const lines = secretaryTexts.flatMap((text) => text.split("\n"));
  return (i) => {
    const start = delivery.failureLine(headName(i), unitName(i), "reminder", true, "");
    return lines.some((line) => line.startsWith(start));
  };
}

/**
 * Each head in exactly one group, judged from what the emulator received: duplicated (two or
 * more), uncertain (listed to the secretary as such, one or none), delivered once (one, not
 * listed), lost (none, not listed).
 */
export function judge(heads: number, received: (chat: number) => number, secretaryTexts: string[]): Verdict {
  const isListed = listedUncertain(secretaryTexts);
  const verdict: Verdict = { heads, deliveredOnce: 0, lost: 0, duplicated: 0, uncertain: 0 };
  for (let i = 0; i < heads; i++) {
    const got = received(headChat(i));
    if (got >= 2) verdict.duplicated++;
    else if (isListed(i)) verdict.uncertain++;
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
