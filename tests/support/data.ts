// What many tests share: the example documents, the instant of a local time, storing the example
// notice, and the reads the tests check the database with.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../src/db/client.js";
import { commitImport, prepareImport } from "../../src/services/intake.js";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");

/** The November 2024 conclusion notice: 56 unit tasks for December 2024, all but one due 31/12/2024. */
export const NOTICE = readFileSync(join(EXAMPLES, "conclusion-notice-2024-11.txt"), "utf8");
/** A news article about a year's review: text that is not a notice. */
export const NEWS = readFileSync(join(EXAMPLES, "annual-review-2023-news.txt"), "utf8");
/** NOTICE's parts per unit: section (1) has 8 bullets for every unit; then QLKH 3, HCTH 7, QLCN 3, Thanh tra 1 paragraph, TTUD 2. */
export const NOTICE_PER_UNIT = { QLKH: 11, HCTH: 15, QLCN: 11, TTRA: 9, TTUD: 10 };
/** NOTICE's directives: 8 shared by the five units, 16 of one unit each. */
export const NOTICE_TASKS = 24;
/** NOTICE's coordinating parts: "phối hợp với …" in five of its tasks (HCTH's last one names every other unit). */
export const NOTICE_SUPPORT = 8;
/** What NOTICE's header says: its number as written, the days it was issued and the meeting was held, its month. */
export const NOTICE_META = {
  number: "/TB-SKHCN",
  issuedOn: "2024-12-03",
  meetingOn: "2024-11-29",
  month: "2024-12",
  period: { kind: "month", start: "2024-12-01", end: "2024-12-31" },
  issuer: null,
};

/** The instant at `local` ("2024-12-23 08:05"), read in Vietnam time (UTC+7). */
export function vnTime(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+07:00`);
}

/** Stores NOTICE as imported at `at` (by `memberId`, or nobody: the CLI). */
export async function seed(db: Db, at: Date, memberId: number | null = null): Promise<void> {
  const prepared = await prepareImport(db, NOTICE, "2024-12-04");
  if (!prepared.ok) throw new Error("example notice not recognised");
  const result = await commitImport(db, prepared, { memberId, decision: { carry: true }, late: false, at, today: "2024-12-04" });
  if (!result.stored) throw new Error("example notice not stored");
}

/** A unit's responsible parts of tasks, in the order they were stored, with their task. */
export function partsOf(db: Db, unitCode: string) {
  return db.taskPart.findMany({ where: { unit: { code: unitCode }, role: "lead" }, include: { task: true }, orderBy: { id: "asc" } });
}

/** The member a Telegram account registered as. */
export function memberOf(db: Db, user: { id: number }) {
  return db.member.findUniqueOrThrow({ where: { telegramUserId: String(user.id) } });
}

/** A task's history, oldest first, with who made each change. */
export function history(db: Db, taskId: number) {
  return db.taskEvent.findMany({ where: { taskId }, include: { member: true }, orderBy: { id: "asc" } });
}

/** How many cycles, tasks, parts and history entries there are: what an import may change. */
export async function counts(db: Db) {
  return { cycles: await db.cycle.count(), tasks: await db.task.count(), parts: await db.taskPart.count(), events: await db.taskEvent.count() };
}

/** How many of `rows` each unit has, by unit code. */
export function perUnit(rows: { unit: { code: string } }[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const r of rows) result[r.unit.code] = (result[r.unit.code] ?? 0) + 1;
  return result;
}

/** A January 2025 conclusion notice in the seed's format, numbered `number`, with these task sections. */
export function januaryNotice(number: string, sections: string): string {
  return `Số: ${number}/TB-SKHCN

Quảng Ngãi, ngày 06 tháng 01 năm 2025

THÔNG BÁO

Kết luận của Giám đốc Sở Khoa học và Công nghệ tại cuộc họp giao ban tháng 12 năm 2024

Ngày 30/12/2024, Giám đốc Sở Khoa học và Công nghệ chủ trì cuộc giao ban đánh giá tình hình, kết quả thực hiện nhiệm vụ tháng 12 năm 2024, triển khai nhiệm vụ tháng 01 năm 2025.

1. Đánh giá kết quả thực hiện nhiệm vụ tháng 12 năm 2024

Các phòng, đơn vị đã triển khai cơ bản đảm bảo các nhiệm vụ trọng tâm.

2. Nhiệm vụ trọng tâm trong tháng 01 năm 2025

${sections}

Nơi nhận:

- Lưu: VT, HCTH.
`;
}
