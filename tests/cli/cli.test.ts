// The operator's command line, run as a real process (tsx) against a database file in a temp folder.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { admin, intake, summary as summaryText } from "../../src/messages/index.js";
import { NOTICE_META } from "../support/data.js";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const NOTICE = "examples/conclusion-notice-2024-11.txt";
const STATED_HCTH = "Khẩn trương hoàn thành và tham mưu ban hành Kế hoạch, Chương trình công tác năm 2025 trước ngày 25/12/2024.";
const NO_STACK = /^\s+at /m;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "giaoban-cli-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with only the environment given (plus PATH and HOME); resolves when it exits. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["src/cli/index.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("cli import and tasks", () => {
  it("previews without storing, imports once, lists a unit's tasks, and refuses the same notice again", { timeout: 60_000 }, async () => {
    const env = { DATABASE_FILE: join(tempDir(), "data", "bot.db") };

    // 1. Dry run as JSON: exactly the parsed notice, nothing stored.
    const dry = await cli(["import", NOTICE, "--dry-run", "--json"], env);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    const json = JSON.parse(dry.stdout) as {
      notice: unknown;
      tasks: { units: string[]; content: string; deadline: string; deadlineStated: boolean }[];
      unplaced: { text: string; suggestedUnits: string[] }[];
      findings: unknown[];
    };
    expect(Object.keys(json)).toEqual(["notice", "tasks", "unplaced", "findings"]);
    expect(json.notice).toEqual(NOTICE_META);
    expect(json.findings).toEqual([]);
    expect(json.tasks).toHaveLength(24);
    const FIELDS = ["units", "support", "content", "deadline", "deadlineStated", "deadlineKind", "recurring", "source"];
    for (const task of json.tasks) expect(Object.keys(task)).toEqual(FIELDS);
    expect(json.tasks.slice(0, 8).every((task) => task.units.join() === "QLKH,HCTH,QLCN,TTRA,TTUD")).toBe(true);
    const perUnit: Record<string, number> = {};
    for (const task of json.tasks) for (const u of task.units) perUnit[u] = (perUnit[u] ?? 0) + 1;
    expect(perUnit).toEqual({ QLKH: 11, HCTH: 15, QLCN: 11, TTRA: 9, TTUD: 10 });
    expect(json.tasks.filter((task) => task.deadlineStated)).toEqual([
      { units: ["HCTH"], support: [], content: STATED_HCTH, deadline: "2024-12-25", deadlineStated: true, deadlineKind: "date", recurring: null, source: "2.(3)" },
    ]);
    expect(json.tasks.filter((task) => !task.deadlineStated).every((task) => task.deadline === "2024-12-31")).toBe(true);
    // Section 3 (the deputy director's points) is not a unit's task list: shown, not stored.
    expect(json.unplaced).toHaveLength(6);
    expect(json.unplaced[0]).toEqual({ text: "3. Về ý kiến của PGĐ Sở Phan Văn Hiếu tại cuộc họp ngày 29/11/2024:", suggestedUnits: [] });

    const none = await cli(["tasks"], env);
    expect(none).toEqual({ code: 0, stdout: "Chưa có nhiệm vụ nào.\n", stderr: "" });

    // 2. The notice is two years old: refused, nothing stored, unless confirmed as a late entry.
    const stale = await cli(["import", NOTICE], env);
    expect([stale.code, stale.stderr]).toEqual([1, `Lỗi: ${intake.staleRefused}\n`]);
    expect(count(env.DATABASE_FILE, "Task")).toBe(0);
    const imported = await cli(["import", NOTICE, "--late"], env);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe("Đã lưu 24 nhiệm vụ (56 phần việc chủ trì, 8 phối hợp) của kỳ tháng 12/2024.\n");
    expect(imported.stdout.split("\n")).toEqual(expect.arrayContaining([
      "XEM TRƯỚC THÔNG BÁO KẾT LUẬN",
      "Phòng Quản lý Khoa học (QLKH): 11 nhiệm vụ",
      "Phòng Hành chính – Tổng hợp (HCTH): 15 nhiệm vụ",
      `  • hạn 25/12/2024: ${STATED_HCTH}`,
      "Thanh tra Sở (TTRA): 9 nhiệm vụ",
    ]));

    // 3. At once: the register as JSON, and the same notice imported again.
    const [register, again] = await Promise.all([cli(["tasks", "--json"], env), cli(["import", NOTICE, "--late"], env)]);
    expect([register.code, register.stderr]).toEqual([0, ""]);
    const tasks = JSON.parse(register.stdout) as { id: number; content: string; deadline: string; deadlineStated: boolean; status: string; cycle: string; units: { code: string; part: string; status: string }[] }[];
    expect(tasks).toHaveLength(24);
    expect(Object.keys(tasks[0]!)).toEqual(["id", "content", "deadline", "deadlineStated", "status", "cycle", "units"]);
    expect(tasks[0]!.units).toEqual(["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"].map((code) => ({ code, part: "lead", status: "open" })));
    expect(tasks.find((x) => x.content === STATED_HCTH)).toMatchObject({ deadline: "2024-12-25", deadlineStated: true, status: "open", cycle: "2024-12", units: [{ code: "HCTH", part: "lead", status: "open" }] });
    expect(new Set(tasks.map((x) => x.id)).size).toBe(24);

    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Lỗi: Thông báo này đã được nhập trước đây (kỳ tháng 12/2024). Không nhập lại.\n");
    expect(count(env.DATABASE_FILE, "Cycle")).toBe(1);
    expect(count(env.DATABASE_FILE, "Task")).toBe(24);
    expect(count(env.DATABASE_FILE, "TaskPart")).toBe(56 + 8);
    expect(count(env.DATABASE_FILE, "TaskEvent")).toBe(24);

    // HCTH's tasks as text: one line each with every unit's state; the cycle is closed-free and open.
    const hcth = await cli(["tasks", "--unit", "HCTH"], env);
    expect(hcth.code).toBe(0);
    // HCTH's 15 responsible tasks and the 2 it coordinates.
    expect(hcth.stdout.split("\n").filter((l) => /^#\d+ /.test(l))).toHaveLength(17);
    expect(hcth.stdout).toContain(`▫️ ${STATED_HCTH}\n   hạn 25/12/2024 · HCTH ▫️ · ⛔`);
  });
});

describe("cli import of another body's notice", () => {
  const OTHER = "tests/fixtures/notices/so-tai-chinh-noi-khac-2024-12.txt";

  it("shows the doubt first and stores nothing without --force; stores it with --force", { timeout: 60_000 }, async () => {
    const env = { DATABASE_FILE: join(tempDir(), "bot.db") };
    const refused = await cli(["import", OTHER], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout.split("\n")[0]).toBe(
      "⚠️ Thông báo này có vẻ do cơ quan khác ban hành (SỞ TÀI CHÍNH, số 512/TB-STC), không phải cơ quan của mình. Kiểm tra lại trước khi lưu.",
    );
    expect(refused.stdout).toContain("  ? 1. Phòng Quản lý ngân sách: hoàn thành dự toán ngân sách năm 2025, trước ngày 20/12/2024.");
    expect(refused.stderr).toBe("Lỗi: Không lưu vì thông báo bị nghi là của nơi khác (xem cảnh báo ở đầu). Nếu chắc chắn đúng, chạy lại với --force.\n");
    expect(count(env.DATABASE_FILE, "Cycle")).toBe(0);
    expect(count(env.DATABASE_FILE, "Task")).toBe(0);

    const dry = await cli(["import", OTHER, "--dry-run", "--json"], env);
    expect(dry.code).toBe(0);
    const json = JSON.parse(dry.stdout) as { findings: { code: string }[]; tasks: { source: string; support: string[] }[] };
    expect(json.findings.map((f) => f.code)).toEqual(["other_issuer", "units_unmatched"]);
    expect(json.tasks).toEqual([expect.objectContaining({ units: ["HCTH"], support: [], source: "4", deadlineKind: "default" })]);

    // December 2024 is long past: --late too.
    const forced = await cli(["import", OTHER, "--force", "--late"], env);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe("Đã lưu 1 nhiệm vụ (1 phần việc chủ trì) của kỳ tháng 12/2024.\n");
    expect(count(env.DATABASE_FILE, "Task")).toBe(1);
  });
});

describe("cli invites and mistakes", () => {
  it("creates an invite, and says in Vietnamese what is wrong, without a stack trace, with the right exit code", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    // All of these start at once on one new database file, as the bot and the CLI may.
    const env = { DATABASE_FILE: join(dir, "bot.db") };
    const broken = join(dir, "x.docx");
    writeFileSync(broken, Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 97 + 13) % 256)));
    const badOrg = join(dir, "org.json");
    writeFileSync(badOrg, JSON.stringify({
      department: "Sở Khoa học và Công nghệ",
      units: [
        { code: "qlkh", name: "Phòng Quản lý Khoa học", aliases: ["Văn phòng"] },
        { code: "HCTH", name: "HC", aliases: ["Văn phòng"] },
      ],
    }));
    const missing = join(dir, "khong-co.txt");
    const started = Date.now();

    const [invite, noUnit, boss, xyz, unknown, noFile, docx, news, org, badEnv] = await Promise.all([
      cli(["invite", "--role", "unit_head", "--unit", "QLKH"], env),
      cli(["invite", "--role", "unit_head"], env),
      cli(["invite", "--role", "boss"], env),
      cli(["invite", "--role", "unit_head", "--unit", "XYZ"], env),
      cli(["frobnicate"], env),
      cli(["import", missing], env),
      cli(["import", broken], env),
      cli(["import", "examples/annual-review-2023-news.txt"], env),
      cli(["org", "load", badOrg], env),
      cli(["tasks"], { ...env, REMINDER_HOUR: "99", TIME_ZONE: "Nowhere" }),
    ]);
    const finished = Date.now();

    expect(invite.stderr).toBe("");
    expect(invite.code).toBe(0);
    const m = /^Mã mời: ([A-Z0-9]{8})\nGửi cho người được mời: mở bot và gõ \/start \1 \(hết hạn (\S+)\)\.\n$/.exec(invite.stdout);
    expect(m).not.toBeNull();
    expect(m![1]).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    const expires = Date.parse(m![2]!);
    expect(expires).toBeGreaterThanOrEqual(started + 72 * 3_600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(finished + 72 * 3_600_000);
    const db = new Database(env.DATABASE_FILE, { readonly: true });
    try {
      expect(db.prepare(`SELECT i.code, i.role, u.code AS unit FROM Invite i JOIN Unit u ON u.id = i.unitId`).all()).toEqual([
        { code: m![1], role: "unit_head", unit: "QLKH" },
      ]);
      // The failed org load changed nothing: the example org is there, all active.
      expect(db.prepare(`SELECT code FROM Unit WHERE active = 1 ORDER BY position`).all()).toEqual(
        ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"].map((code) => ({ code })),
      );
      expect((db.prepare(`SELECT COUNT(*) AS n FROM Task`).get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }

    expect(noUnit).toEqual({ code: 2, stdout: "", stderr: "Trưởng đơn vị cần --unit <mã đơn vị>.\n" });
    expect(boss).toEqual({ code: 2, stdout: "", stderr: "Vai trò phải là một trong: director, deputy, secretary, unit_head.\n" });
    expect(xyz).toEqual({ code: 2, stdout: "", stderr: "Không có đơn vị mã XYZ. Các mã hiện có: QLKH, HCTH, QLCN, TTRA, TTUD.\n" });
    expect(unknown).toEqual({ code: 2, stdout: "", stderr: `${admin.cliUsage}\n` });
    expect(unknown.stderr.startsWith("Cách dùng: npm run cli -- <lệnh>\n")).toBe(true);
    expect(noFile).toEqual({ code: 1, stdout: "", stderr: `Không đọc được tệp ${missing}.\n` });
    expect(docx).toEqual({
      code: 1,
      stdout: "",
      stderr: "Lỗi: Tệp này không đọc được như một văn bản Word (.docx). Hãy lưu lại dưới dạng .docx hoặc dán nội dung.\n",
    });
    expect(news.code).toBe(1);
    expect(news.stderr).toBe(
      "Lỗi: Chưa tạo được nhiệm vụ nào từ văn bản này nên không có gì được lưu. Xem ở trên những gì đã đọc được và những gì chưa thấy.\n",
    );
    // What was not found is said, not only that nothing was stored.
    expect(news.stdout).toContain("Không tìm thấy phần giao nhiệm vụ cho các phòng, đơn vị");
    expect(org).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "Tệp tổ chức (org) không hợp lệ:",
        "  - units.0.code: mã đơn vị gồm 2–16 chữ in hoa hoặc số, vd. QLKH",
        "  - units.1.name: tên đơn vị quá ngắn",
        '  - units.1: tên "Văn phòng" đã dùng cho đơn vị qlkh',
        "",
      ].join("\n"),
    });

    expect(badEnv.code).toBe(2);
    expect(badEnv.stdout).toBe("");
    const envLines = badEnv.stderr.split("\n");
    expect(envLines.slice(0, 2)).toEqual(["Cấu hình không hợp lệ / invalid configuration:", "  - TIME_ZONE: không phải múi giờ IANA (vd. Asia/Ho_Chi_Minh)"]);
    expect(envLines[2]).toMatch(/^ {2}- REMINDER_HOUR: \S/);
    expect(envLines.slice(3)).toEqual([""]);

    for (const run of [noUnit, boss, xyz, unknown, noFile, docx, news, org, badEnv]) expect(run.stderr).not.toMatch(NO_STACK);
  });

  it("a deputy's invite carries the units given with --units; every code is checked, and --units is a deputy's only", { timeout: 60_000 }, async () => {
    const env = { DATABASE_FILE: join(tempDir(), "bot.db") };
    const [deputy, unknown, secretary, empty, single] = await Promise.all([
      cli(["invite", "--role", "deputy", "--units", "QLKH,qlcn"], env),
      cli(["invite", "--role", "deputy", "--units", "QLKH,XYZ,abc"], env),
      cli(["invite", "--role", "secretary", "--units", "QLKH"], env),
      cli(["invite", "--role", "deputy", "--units", ","], env),
      cli(["invite", "--role", "deputy", "--unit", "QLKH"], env),
    ]);

    expect(deputy.stderr).toBe("");
    expect(deputy.code).toBe(0);
    expect(deputy.stdout).toMatch(/^Mã mời: [A-Z0-9]{8}\n.*\nPhụ trách: Phòng Quản lý Khoa học, Phòng Quản lý công nghệ\.\n$/);
    const db = new Database(env.DATABASE_FILE, { readonly: true });
    try {
      const rows = db.prepare(`SELECT i.role, u.code FROM InviteOversight o JOIN Invite i ON i.id = o.inviteId JOIN Unit u ON u.id = o.unitId ORDER BY u.position`).all();
      expect(rows).toEqual([{ role: "deputy", code: "QLKH" }, { role: "deputy", code: "QLCN" }]);
      expect((db.prepare(`SELECT COUNT(*) AS n FROM Invite`).get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }

    expect(unknown).toEqual({ code: 2, stdout: "", stderr: `${admin.unknownUnit("XYZ, ABC", ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"])}\n` });
    expect(secretary).toEqual({ code: 2, stdout: "", stderr: `${admin.unitsNotAllowed}\n` });
    expect(empty).toEqual({ code: 2, stdout: "", stderr: `${admin.unitsEmpty}\n` });
    expect(single).toEqual({ code: 2, stdout: "", stderr: `${admin.unitNotAllowed}\n` });
  });
});

describe("cli outbox", () => {
  it("lists what did not go out, sends one again on request, pauses and resumes the sender", { timeout: 60_000 }, async () => {
    const env = { DATABASE_FILE: join(tempDir(), "bot.db") };
    expect((await cli(["migrate"], env)).code).toBe(0);
    const db = new Database(env.DATABASE_FILE);
    db.prepare(`INSERT INTO "Delivery" ("kind", "day", "chatId", "text", "state", "attempts", "error") VALUES ('reminder', '2024-12-16', '702', 'Nhắc việc', 'failed', 1, 'Forbidden: bot was blocked by the user')`).run();
    db.prepare(`INSERT INTO "Delivery" ("kind", "day", "chatId", "text", "state", "attempts") VALUES ('digest', '2024-12-27', '401', 'Tổng hợp', 'sent', 1)`).run();
    db.close();
    const listed = await cli(["outbox", "--state", "failed"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(`${admin.outboxCounts({ failed: 1, sent: 1 })}\n${admin.outboxLine(1, "reminder", "2024-12-16", "702", "failed", 1, "Forbidden: bot was blocked by the user")}\n`);
    expect(await cli(["outbox", "retry", "1"], env)).toMatchObject({ code: 0, stdout: `${admin.outboxRetried(1)}\n` });
    expect(await cli(["outbox", "retry", "2"], env)).toMatchObject({ code: 2, stderr: `${admin.outboxNotRetryable(2)}\n` });
    expect((await cli(["outbox", "pause"], env)).stdout).toBe(`${admin.outboxPaused}\n`);
    const check = new Database(env.DATABASE_FILE, { readonly: true });
    expect(check.prepare(`SELECT "state" FROM "Delivery" WHERE "id" = 1`).get()).toEqual({ state: "queued" });
    expect(check.prepare(`SELECT "value" FROM "Setting" WHERE "key" = 'outbox.paused'`).get()).toEqual({ value: "1" });
    check.close();
  });
});

describe("cli migrate and org load, as the README shows them", () => {
  it("migrates a new file once, and loads another org whose names the next import uses", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const env = { DATABASE_FILE: join(dir, "new", "bot.db") };
    const first = await cli(["migrate"], env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    const migrations = readdirSync(join(ROOT, "prisma", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(first.stdout).toBe(`${admin.migrated(migrations.sort())}\n`);
    expect((await cli(["migrate"], env)).stdout).toBe(`${admin.migrated([])}\n`);

    const org = join(dir, "org.json");
    const units = [
      { code: "QLKH", name: "Phòng Quản lý Khoa học và Công nghệ", aliases: ["Phòng Quản lý Khoa học"] },
      { code: "VP", name: "Văn phòng Sở", aliases: ["Phòng Hành chính – Tổng hợp"] },
    ];
    writeFileSync(org, JSON.stringify({ department: "Sở Khoa học và Công nghệ", units }));
    const load = await cli(["org", "load", org], env);
    expect(load).toMatchObject({ code: 0, stdout: `${admin.orgLoaded(2, "Sở Khoa học và Công nghệ")}\n` });

    // The seed's "(2) Phòng Quản lý Khoa học:" and "(3) Phòng Hành chính – Tổng hợp:" now land
    // on the loaded units; its other unit sections are not placed.
    const json = JSON.parse((await cli(["import", NOTICE, "--dry-run", "--json"], env)).stdout) as { tasks: { units: string[] }[] };
    const per = (code: string) => json.tasks.filter((t) => t.units.includes(code)).length;
    expect([per("QLKH"), per("VP"), per("HCTH")]).toEqual([8 + 3, 8 + 7, 0]);
  });
});

describe("cli summary", () => {
  it("prints the director's message, writes the .docx and the .xlsx", { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const env = { DATABASE_FILE: join(dir, "bot.db") };
    expect((await cli(["import", NOTICE, "--late"], env)).code).toBe(0);

    const text = await cli(["summary", "--month", "12/2024", "--format", "text"], env);
    expect(text.code).toBe(0);
    expect(text.stdout.startsWith(`${summaryText.title("12/2024")}\n`)).toBe(true);
    expect(text.stdout).toContain(summaryText.totals(24, 56, 5));

    const docx = await cli(["summary", "--month", "12/2024", "--format", "docx", "--out", join(dir, "r.docx")], env);
    expect(docx.code).toBe(0);
    expect(readFileSync(join(dir, "r.docx")).subarray(0, 2).toString()).toBe("PK");

    expect((await cli(["summary", "--month", "12/2024", "--format", "xlsx", "--out", join(dir, "r.xlsx")], env)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "r.xlsx"));
    expect(book.worksheets[0]!.rowCount).toBe(1 + 56 + 8); // a row per unit part: 56 responsible, 8 coordinating

    expect((await cli(["summary", "--format", "pdf"], env)).code).toBe(2);
  });
});
