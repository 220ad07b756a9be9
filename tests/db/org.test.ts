import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addTask } from "../../src/db/cycles.js";
import { monthPeriod } from "../../src/domain/cycles.js";
import { listUnits, loadOrg } from "../../src/db/org.js";
import { findTasks } from "../../src/db/tasks.js";
import { OrgError, parseOrg } from "../../src/domain/org.js";
import { admin } from "../../src/messages/index.js";
import { EXAMPLE_ORG_FILE, loadOrgFile } from "../../src/services/org.js";
import { vnTime } from "../support/data.js";
import { createTestDb, type TestDb } from "../support/db.js";

const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_ORG_FILE, "utf8")) as {
  department: string;
  units: { code: string; name: string; aliases: string[] }[];
};
const CODES = ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"];

/** The problems parseOrg reports for a text (fails the test when it does not throw OrgError). */
function problemsOf(text: string): string[] {
  try {
    parseOrg(text);
  } catch (e) {
    if (e instanceof OrgError) return e.problems.map(admin.orgProblem);
    throw e;
  }
  throw new Error("parseOrg accepted the file");
}

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

function writeOrg(name: string, org: unknown): string {
  const file = join(t.dir, name);
  writeFileSync(file, typeof org === "string" ? org : JSON.stringify(org, null, 2));
  return file;
}

describe("the example org", () => {
  it("loads the five units of the department, in the file's order, with names and aliases", async () => {
    const units = await listUnits(t.db);
    expect(units.map((u) => u.code)).toEqual(CODES);
    expect(units[1]).toEqual({ code: "HCTH", name: "Phòng Hành chính – Tổng hợp", aliases: ["Phòng HCTH", "HCTH", "Văn phòng Sở"] });
    expect(units[4]!.name).toBe("Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ");
    expect(await t.db.unit.count()).toBe(5);
  });
});

describe("parseOrg on a bad file", () => {
  it("says the text is not JSON", () => {
    const problems = problemsOf('{ "department": "Sở KH&CN", "units": [');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^không phải JSON hợp lệ: \S/);
  });

  it("says a unit is needed when the units list is missing or empty", () => {
    expect(problemsOf(JSON.stringify({ department: "Sở Khoa học và Công nghệ" }))).toEqual(["units: cần ít nhất một đơn vị"]);
    expect(problemsOf(JSON.stringify({ department: "Sở Khoa học và Công nghệ", units: [] }))).toEqual(["units: cần ít nhất một đơn vị"]);
  });

  it("lists every problem at once: a lower-case code, a name too short, an alias two units use", () => {
    const problems = problemsOf(
      JSON.stringify({
        department: "Sở Khoa học và Công nghệ",
        units: [
          { code: "qlkh", name: "Phòng Quản lý Khoa học", aliases: ["Văn phòng"] },
          { code: "HCTH", name: "HC", aliases: ["văn phòng"] },
          { code: "TTRA", name: "Thanh tra Sở" },
        ],
      }),
    );
    expect(problems).toEqual([
      "units.0.code: mã đơn vị gồm 2–16 chữ in hoa hoặc số, vd. QLKH",
      "units.1.name: tên đơn vị quá ngắn",
      'units.1: tên "văn phòng" đã dùng cho đơn vị qlkh',
    ]);
  });

  it("refuses two units with the same code (the second would silently replace the first)", () => {
    const problems = problemsOf(
      JSON.stringify({
        department: "Sở Khoa học và Công nghệ",
        units: [
          { code: "QLKH", name: "Phòng Quản lý Khoa học", aliases: ["QLKH"] },
          { code: "QLKH", name: "Phòng Kế hoạch – Tài chính" },
        ],
      }),
    );
    expect(problems).toEqual(['units.1: tên "QLKH" đã dùng cho đơn vị QLKH']);
  });

  it("accepts a unit whose code is also one of its own aliases (as the example file does)", () => {
    const org = parseOrg(JSON.stringify({ department: "Sở KH&CN", units: [{ code: "QLKH", name: "Phòng QLKH", aliases: ["QLKH", "qlkh"] }] }));
    expect(org.units).toEqual([{ code: "QLKH", name: "Phòng QLKH", aliases: ["QLKH", "qlkh"] }]);
  });
});

describe("loadOrgFile", () => {
  it("stores nothing when the file is bad, even if some of its units are fine", async () => {
    const before = await t.db.unit.findMany({ orderBy: { id: "asc" } });
    const file = writeOrg("bad.json", {
      department: EXAMPLE.department,
      units: [
        ...EXAMPLE.units.map((u) => (u.code === "HCTH" ? { ...u, name: "Phòng Hành chính và Tổng hợp mới" } : u)),
        { code: "KHTC", name: "Phòng Kế hoạch – Tài chính" },
        { code: "x", name: "X" },
      ],
    });
    const error = await loadOrgFile(t.db, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgError);
    expect((error as OrgError).problems.map(admin.orgProblem)).toEqual([
      "units.6.code: mã đơn vị gồm 2–16 chữ in hoa hoặc số, vd. QLKH",
      "units.6.name: tên đơn vị quá ngắn",
    ]);
    expect(await t.db.unit.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("stores nothing when the file is not JSON", async () => {
    const before = await t.db.unit.findMany({ orderBy: { id: "asc" } });
    await expect(loadOrgFile(t.db, writeOrg("broken.json", "{ not json"))).rejects.toBeInstanceOf(OrgError);
    expect(await t.db.unit.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("keeps a unit left out of a new org file (its tasks still point to it) but no longer lists it", async () => {
    const taskId = await addTask(t.db, {
      period: monthPeriod("2024-12"), lead: ["TTUD"], support: [], content: "Kiểm kê tài sản của Trung tâm", deadline: "2024-12-31", deadlineStated: false, memberId: null, at: vnTime("2024-12-04 09:00"),
    });
    const ttud = await t.db.unit.findUniqueOrThrow({ where: { code: "TTUD" } });
    await loadOrgFile(t.db, writeOrg("four.json", { ...EXAMPLE, units: EXAMPLE.units.filter((u) => u.code !== "TTUD") }));

    expect((await listUnits(t.db)).map((u) => u.code)).toEqual(["QLKH", "HCTH", "QLCN", "TTRA"]);
    expect(await t.db.unit.findUniqueOrThrow({ where: { code: "TTUD" } })).toMatchObject({ id: ttud.id, active: false, name: ttud.name });
    const [kept] = await findTasks(t.db, { id: taskId });
    expect(kept!.parts.map((p) => p.unit.code)).toEqual(["TTUD"]);
    expect(kept!.content).toBe("Kiểm kê tài sản của Trung tâm");

    // Putting it back in the file makes it active again, the same row.
    await loadOrgFile(t.db, EXAMPLE_ORG_FILE);
    expect((await listUnits(t.db)).map((u) => u.code)).toEqual(CODES);
    expect(await t.db.unit.findUniqueOrThrow({ where: { code: "TTUD" } })).toMatchObject({ id: ttud.id, active: true });
  });

  it("renames a unit in place: same code and row, new name and aliases", async () => {
    const before = await t.db.unit.findUniqueOrThrow({ where: { code: "QLCN" } });
    const renamed = EXAMPLE.units.map((u) =>
      u.code === "QLCN" ? { code: "QLCN", name: "Phòng Quản lý Công nghệ và Đổi mới sáng tạo", aliases: ["Phòng QLCN&ĐMST"] } : u,
    );
    const org = await loadOrgFile(t.db, writeOrg("renamed.json", { ...EXAMPLE, units: renamed }));
    expect(org.units).toHaveLength(5);

    const units = await listUnits(t.db);
    expect(units.map((u) => u.code)).toEqual(CODES);
    expect(units[2]).toEqual({ code: "QLCN", name: "Phòng Quản lý Công nghệ và Đổi mới sáng tạo", aliases: ["Phòng QLCN&ĐMST"] });
    expect(units[0]!.name).toBe("Phòng Quản lý Khoa học");
    expect((await t.db.unit.findUniqueOrThrow({ where: { code: "QLCN" } })).id).toBe(before.id);
    expect(await t.db.unit.count()).toBe(5);
  });

  it("takes a province of a thousand units, then one added at the top and one renamed: every unit keeps its row, in the file's order", async () => {
    const unit = (i: number) => ({ code: `U${String(i).padStart(4, "0")}`, name: `Đơn vị số ${i}`, aliases: [`ĐV ${i}`] });
    const thousand = Array.from({ length: 1000 }, (_, i) => unit(i + 1));
    await loadOrgFile(t.db, writeOrg("province.json", { ...EXAMPLE, units: thousand }));
    const ids = new Map((await t.db.unit.findMany()).map((u) => [u.code, u.id]));

    const edited = [{ code: "MOI", name: "Đơn vị mới thành lập", aliases: [] }, ...thousand.map((u, i) => (i === 499 ? { ...u, name: "Đơn vị số 500 (đổi tên)" } : u))];
    await loadOrgFile(t.db, writeOrg("province-2.json", { ...EXAMPLE, units: edited }));

    const units = await listUnits(t.db);
    expect(units).toEqual(edited);
    const rows = await t.db.unit.findMany({ where: { code: { in: ["U0001", "U0500", "U1000"] } }, orderBy: { code: "asc" } });
    expect(rows.map((u) => u.id)).toEqual(["U0001", "U0500", "U1000"].map((code) => ids.get(code)));
    // The example's five units, gone from the file, are kept but no longer listed.
    expect(await t.db.unit.count()).toBe(1006);
  });
});

describe("the org's settings", () => {
  it("are stored with the units and read back whole; an old file without them reads with defaults", async () => {
    const org = await loadOrg(t.db);
    expect(org.department).toBe(EXAMPLE.department);
    expect(org.report?.issuingBody).toBe("SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    expect(org.report?.signer).toEqual({ authority: "TL. GIÁM ĐỐC", title: "TP. HÀNH CHÍNH - TỔNG HỢP", name: "Trần Văn Quang" });
    expect(org.issuer?.numberSuffixes).toContain("TB-SKHCN");
    expect(org.units.map((u) => u.code)).toEqual(CODES);

    const old = writeOrg("old.json", { department: "Sở Y tế", units: [{ code: "VP", name: "Văn phòng Sở", aliases: [] }] });
    await loadOrgFile(t.db, old);
    const loaded = await loadOrg(t.db);
    expect(loaded).toMatchObject({ department: "Sở Y tế", groups: [], briefing: { every: "month" }, calendar: { daysOff: [], workingDays: [] } });
    expect(loaded.report).toBeUndefined();
    expect(loaded.units.map((u) => u.code)).toEqual(["VP"]);
  });

  it("refuses a group naming a unit the file does not have", () => {
    const problems = problemsOf(JSON.stringify({ ...EXAMPLE, groups: [{ name: "Các Ban", units: ["QLKH", "XYZ"] }] }));
    expect(problems).toEqual([expect.stringContaining("XYZ")]);
  });
});
