import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDeadline } from "../../src/domain/notice/dates.js";
import { parseNotice, type NoticeOrg } from "../../src/domain/notice/parse.js";
import { createUnitIndex, normaliseUnitName } from "../../src/domain/notice/units.js";
import type { ParsedNotice, ParsedTask, UnitInfo } from "../../src/domain/types.js";
import { NOTICE_META } from "../support/data.js";

// Same data as org/skhcn-quang-ngai.json, inline so the test does not depend on that file.
const units: UnitInfo[] = [
  { code: "QLKH", name: "Phòng Quản lý Khoa học", aliases: ["Phòng QLKH", "QLKH"] },
  { code: "HCTH", name: "Phòng Hành chính – Tổng hợp", aliases: ["Phòng HCTH", "HCTH", "Văn phòng Sở"] },
  { code: "QLCN", name: "Phòng Quản lý công nghệ", aliases: ["Phòng QLCN", "QLCN"] },
  { code: "TTRA", name: "Thanh tra Sở", aliases: ["Thanh tra"] },
  {
    code: "TTUD",
    name: "Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ",
    aliases: ["Trung tâm Ứng dụng và Dịch vụ KH&CN", "Trung tâm ứng dụng và dịch vụ KH&CN", "Trung tâm", "TTUD"],
  },
];
const ALL = ["QLKH", "HCTH", "QLCN", "TTRA", "TTUD"];
const org: NoticeOrg = { units, groups: [], briefing: { every: "month" } };

/** A task as the parser gives it, with no coordinating unit and nothing recurring. */
const task = (units: string[], content: string, deadline: string, stated: boolean, source = "2.(1)"): ParsedTask => ({
  units,
  support: [],
  content,
  deadline,
  deadlineStated: stated,
  deadlineKind: stated ? "date" : "default",
  recurring: null,
  source,
});

// The two real documents the product was born from, kept in the repository.
const SEEDS = fileURLToPath(new URL("../../examples/", import.meta.url));
const seed = (name: string) => readFileSync(`${SEEDS}/${name}`, "utf8");
const NOTICE = seed("conclusion-notice-2024-11.txt");
const NEWS = seed("annual-review-2023-news.txt");

const tasksOf = (parsed: ParsedNotice, code: string) => parsed.tasks.filter((t) => t.units.includes(code));

/** A minimal notice around a task part, for the synthetic cases. */
const wrap = (taskPart: string, heading = "2. Nhiệm vụ trọng tâm trong tháng 12 năm 2024") =>
  `Số: 12/TB-SKHCN\n\nNgày 29/11/2024, Giám đốc Sở chủ trì cuộc giao ban.\n\n${heading}\n\n${taskPart}\n\nNơi nhận:\n- Lưu: VT.`;

/** The unit a heading names exactly (a name two units share names neither), as the parser reads a unit heading. */
function createUnitMatcher(known: UnitInfo[]) {
  const index = createUnitIndex({ units: known, groups: [] });
  return (heading: string) => {
    const key = normaliseUnitName(heading);
    const found = index.nameAt(key, 0);
    return found && !found.group && found.end === key.length ? found.codes[0]! : null;
  };
}

describe("unit names", () => {
  const match = createUnitMatcher(units);

  it.each([
    ["Phòng Quản lý Khoa học", "QLKH"],
    ["Phòng Quản lý Khoa học:", "QLKH"],
    ["PHÒNG QUẢN LÝ KHOA HỌC", "QLKH"],
    ["Phòng QLKH", "QLKH"],
    ["qlkh", "QLKH"],
    ["Phòng Hành chính – Tổng hợp", "HCTH"],
    ["Phòng Hành chính - Tổng hợp", "HCTH"],
    ["Phòng Hành chính—Tổng hợp.", "HCTH"],
    ["phòng hành chính-tổng hợp :", "HCTH"],
    ["  Phòng\u00A0 HCTH ", "HCTH"],
    ["Văn phòng Sở", "HCTH"],
    ["Phòng quản lý công nghệ", "QLCN"],
    ["Thanh tra Sở", "TTRA"],
    ["Thanh tra", "TTRA"],
    ["Trung tâm ứng dụng và dịch vụ KH&CN", "TTUD"],
    ["Trung tâm Ứng dụng và Dịch vụ KH & CN:", "TTUD"],
    ["Trung tâm Ứng dụng và Dịch vụ khoa học công nghệ", "TTUD"],
  ])("%s → %s", (heading, code) => {
    expect(match(heading)).toBe(code);
  });

  it("accepts decomposed (NFD) text", () => {
    expect(match("Phòng Quản lý Khoa học".normalize("NFD"))).toBe("QLKH");
    expect(match("Thanh tra Sở".normalize("NFD"))).toBe("TTRA");
  });

  it.each(["Phòng Kế hoạch – Tài chính", "Phòng Quản lý", "Quản lý Khoa học", "Thanh tra tỉnh", "", "Phong Quan ly Khoa hoc"])(
    "does not guess %j",
    (heading) => {
      expect(match(heading)).toBeNull();
    },
  );

  it("treats a name two units share as unknown", () => {
    const shared = createUnitMatcher([
      { code: "A", name: "Phòng A", aliases: ["Phòng chung"] },
      { code: "B", name: "Phòng B", aliases: ["Phòng chung"] },
    ]);
    expect(shared("Phòng chung")).toBeNull();
    expect(shared("Phòng A")).toBe("A");
  });
});

describe("parseNotice on the November 2024 conclusion notice", () => {
  const parsed = parseNotice(NOTICE, org);

  it("reads the metadata", () => {
    expect(parsed.notice).toEqual(NOTICE_META);
    expect(parsed.findings).toEqual([]);
  });

  // Counted by hand in the seed:
  //   (1) Các phòng, đơn vị: 8 bullets, each one task for all 5 units
  //   (2) QLKH 3 bullets, (3) HCTH 7 bullets, (4) QLCN 3 bullets, (5) TTRA 1 paragraph, (6) TTUD 2 bullets
  //   tasks: 8 + 3 + 7 + 3 + 1 + 2 = 24; per unit: QLKH 11, HCTH 15, QLCN 11, TTRA 9, TTUD 10
  it("finds every task, per unit", () => {
    expect(parsed.tasks).toHaveLength(24);
    expect(parsed.tasks.filter((t) => t.units.length === 5)).toHaveLength(8);
    expect(parsed.tasks.slice(0, 8).every((t) => t.units.join() === ALL.join())).toBe(true);
    const counts = Object.fromEntries(ALL.map((code) => [code, tasksOf(parsed, code).length]));
    expect(counts).toEqual({ QLKH: 11, HCTH: 15, QLCN: 11, TTRA: 9, TTUD: 10 });
    const own = Object.fromEntries(ALL.map((code) => [code, parsed.tasks.filter((t) => t.units.join() === code).length]));
    expect(own).toEqual({ QLKH: 3, HCTH: 7, QLCN: 3, TTRA: 1, TTUD: 2 });
  });

  it("keeps the bullet text, without its marker", () => {
    expect(parsed.tasks[0]!.content).toBe(
      "Xây dựng kế hoạch triển khai thực hiện Kế hoạch triển khai theo Thông báo số 4533/TB-BKHCN ngày 18/11/2024 về kết luận Hội nghị giao ban KH&CN vùng Bắc trung Bộ và Duyên hải Trung Bộ lần thứ XV năm 2024.",
    );
    expect(parsed.tasks[7]!.content).toBe(
      "Tập trung chỉ đạo tổ chức việc kiểm kê tài sản và thực hiện tốt những công việc quản lý, sử dụng tài sản công theo quy định.",
    );
    const ttud = parsed.tasks.filter((t) => t.units.join() === "TTUD");
    expect(ttud[0]!.content).toMatch(/^Đánh giá lại Hệ thống Quản lý Phòng thí nghiệm/);
    expect(ttud[0]!.content).toContain("(*về trồng trọt, chăn nuôi và công nghệ sinh học*)");
    expect(ttud[0]!.content).toMatch(/kiểm định phương tiện đo các loại\.\/\.$/);
    expect(parsed.tasks.some((t) => t.content.includes("cần tập trung triển khai các nhiệm vụ sau"))).toBe(false);
  });

  it("gives TTRA exactly its one paragraph", () => {
    expect(parsed.tasks.filter((t) => t.units.join() === "TTRA")).toEqual([
      task(
        ["TTRA"],
        "Tổ chức thực hiện hoàn thành các cuộc thanh tra, kiểm tra theo Kế hoạch năm 2024 (tăng cường công tác thanh tra, kiểm tra việc mua sắm tài sản công theo đề nghị của Cơ quan cảnh sát điều tra Công an tỉnh tại Công văn số 1527/CSKT ngày 19/11/2024).",
        "2024-12-31",
        false,
        "2.(5)",
      ),
    ]);
  });

  it("finds the one stated deadline", () => {
    const stated = parsed.tasks.filter((t) => t.deadlineStated);
    expect(stated).toEqual([
      task(["HCTH"], "Khẩn trương hoàn thành và tham mưu ban hành Kế hoạch, Chương trình công tác năm 2025 trước ngày 25/12/2024.", "2024-12-25", true, "2.(3)"),
    ]);
  });

  it("never takes the date of a cited document as a deadline", () => {
    const citing = parsed.tasks.filter((t) => t.content.includes("4533/TB-"));
    expect(citing).toHaveLength(2); // (1) first bullet and HCTH's last bullet
    for (const task of citing) expect(task).toMatchObject({ deadline: "2024-12-31", deadlineStated: false });
    const others = parsed.tasks.filter((t) => !t.deadlineStated);
    expect(others).toHaveLength(23);
    expect(others.every((t) => t.deadline === "2024-12-31")).toBe(true);
  });

  it("reports section 3 (heading, 4 bullets, 1 paragraph) as unplaced, and not the closing", () => {
    const texts = parsed.unplaced.map((u) => u.text);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toBe("3. Về ý kiến của PGĐ Sở Phan Văn Hiếu tại cuộc họp ngày 29/11/2024:");
    expect(texts[1]).toMatch(/^- Quyết định số 50\/QĐ-SKH&CN/);
    expect(texts[4]).toMatch(/^- Đối với đề nghị Giám đốc Sở chỉ đạo/);
    expect(texts[5]).toMatch(/^Việc xây dựng Báo cáo tổng kết/);
    expect(texts.join("\n")).not.toMatch(/Nay thông báo|Nơi nhận|Trần Văn Quang/);
  });

  it("shows each unplaced line whole, with the units it names", () => {
    const hcth = parsed.unplaced[2]!;
    expect(hcth.text).toMatch(/^- Về việc đề nghị tổ chức cuộc họp .* Phòng HCTH bố trí lịch họp Lãnh đạo Sở mở rộng .* Tổ xử lý tài sản\.$/);
    expect(hcth.suggestedUnits).toEqual(["HCTH"]);
    expect(parsed.unplaced.filter((u) => u !== hcth).every((u) => u.suggestedUnits.length === 0)).toBe(true);
  });

  it("makes the unit a lead's item coordinates with a coordinating unit, never a responsible one", () => {
    const roles = parsed.tasks.slice(8).map((t) => `${t.units.join()}/${t.support.join()}`);
    expect(roles).toEqual([
      "QLKH/HCTH", "QLKH/", "QLKH/HCTH",
      "HCTH/TTUD", "HCTH/", "HCTH/QLKH", "HCTH/", "HCTH/", "HCTH/", "HCTH/QLKH,QLCN,TTRA,TTUD",
      "QLCN/", "QLCN/", "QLCN/", "TTRA/", "TTUD/", "TTUD/",
    ]);
    expect(parsed.tasks.slice(0, 8).every((t) => t.support.length === 0 && t.source === "2.(1)")).toBe(true);
  });

  it("reads the same from CRLF, NFD, tabs and NBSP", () => {
    const messy = NOTICE.normalize("NFD").replace(/\n/g, "\r\n").replace(/^- /gm, "-\t").replace(/ (?=\d)/g, "\u00A0");
    expect(parseNotice(messy, org)).toEqual(parsed);
  });
});

describe("parseNotice on text that is not a conclusion notice", () => {
  it("gives no tasks for the annual-review news", () => {
    const parsed = parseNotice(NEWS, org);
    expect(parsed.tasks).toEqual([]);
    expect(parsed.unplaced).toEqual([]);
    expect(parsed.notice.month).toBeNull();
  });

  it("gives no tasks for empty text", () => {
    expect(parseNotice("", org)).toEqual({
      notice: { number: null, issuedOn: null, meetingOn: null, month: null, period: null, issuer: null },
      tasks: [],
      unplaced: [],
      findings: [{ code: "no_task_part" }],
    });
  });
});

describe("parseNotice on synthetic notices", () => {
  it("puts an unknown unit heading and its lines in unplaced", () => {
    const parsed = parseNotice(wrap("(2) Phòng Kế hoạch – Tài chính:\n\n- Lập dự toán năm 2025.\n\n(3) Phòng QLKH:\n\n- Họp hội đồng."), org);
    expect(parsed.tasks).toEqual([task(["QLKH"], "Họp hội đồng.", "2024-12-31", false, "2.(3)")]);
    expect(parsed.unplaced.map((u) => u.text)).toEqual(["(2) Phòng Kế hoạch – Tài chính:", "- Lập dự toán năm 2025."]);
  });

  it("maps dash variants and abbreviations, with any bullet marker and no blank lines", () => {
    const part = [
      "(1) Phòng Hành chính - Tổng hợp:",
      "• Việc một.",
      "– Việc hai.",
      "+ Việc ba.",
      "(2) Phòng HCTH:",
      "-Việc bốn.",
      "(3) Thanh tra Sở",
      "Việc năm.",
      "(4) Trung tâm ứng dụng và dịch vụ KH&CN:",
      "— Việc sáu.",
    ].join("\n");
    const parsed = parseNotice(wrap(part), org);
    expect(parsed.tasks.map((t) => [t.units.join(), t.content])).toEqual([
      ["HCTH", "Việc một."],
      ["HCTH", "Việc hai."],
      ["HCTH", "Việc ba."],
      ["HCTH", "Việc bốn."],
      ["TTRA", "Việc năm."],
      ["TTUD", "Việc sáu."],
    ]);
    expect(parsed.unplaced).toEqual([]);
  });

  it("accepts a line that only names a unit as its heading", () => {
    const part = "- Phòng QLKH:\n+ Việc một.\n+ Việc hai.\na) Thanh tra Sở:\n+ Việc ba.\nPhòng HCTH\na) Việc bốn.\nb) Việc năm.";
    const parsed = parseNotice(wrap(part), org);
    expect(parsed.tasks.map((t) => [t.units.join(), t.content])).toEqual([
      ["QLKH", "Việc một."],
      ["QLKH", "Việc hai."],
      ["TTRA", "Việc ba."],
      ["HCTH", "Việc bốn."],
      ["HCTH", "Việc năm."],
    ]);
  });

  it("joins a wrapped line to its bullet and keeps a separate paragraph of a bulleted section unplaced", () => {
    const parsed = parseNotice(wrap("(1) Phòng QLKH:\n- Việc một\ntiếp theo.\n\nGhi chú riêng.\n\n- Việc hai."), org);
    expect(parsed.tasks.map((t) => t.content)).toEqual(["Việc một tiếp theo.", "Việc hai."]);
    expect(parsed.unplaced).toEqual([{ text: "Ghi chú riêng.", suggestedUnits: [] }]);
  });

  it("takes text after the heading's colon as a task", () => {
    const parsed = parseNotice(wrap("(1) Thanh tra Sở: Thanh tra việc mua sắm.\n(2) Phòng Tài vụ: Lập dự toán."), org);
    expect(parsed.tasks.map((t) => [t.units.join(), t.content])).toEqual([["TTRA", "Thanh tra việc mua sắm."]]);
    expect(parsed.unplaced).toEqual([{ text: "(2) Phòng Tài vụ: Lập dự toán.", suggestedUnits: [] }]);
  });

  it.each([
    ["Báo cáo chậm nhất ngày 20/12/2024.", "2024-12-20"],
    ["Báo cáo chậm nhất là ngày 20/12/2024.", "2024-12-20"],
    ["Báo cáo, chậm nhất là ngày 20 tháng 12 năm 2024.", "2024-12-20"],
    ["Nộp báo cáo (hạn 15/12/2024).", "2024-12-15"],
    ["Nộp báo cáo, thời hạn: 15.12.2024.", "2024-12-15"],
    ["Hoàn thành trong ngày 10/12/2024.", "2024-12-10"],
    ["Gửi Sở trước 05/12/2024.", "2024-12-05"],
    ["Gửi Sở Trước ngày 25/12.", "2024-12-25"],
    ["Gửi dự thảo trước ngày 15/01.", "2025-01-15"],
    ["Gửi dự thảo trước ngày 20/12/2024, bản chính trước ngày 10/12/2024.", "2024-12-10"],
  ])("reads the deadline of %j", (content, deadline) => {
    const parsed = parseNotice(wrap(`(1) Phòng QLKH:\n- ${content}`), org);
    expect(parsed.tasks).toEqual([task(["QLKH"], content, deadline, true)]);
  });

  it.each([
    "Triển khai Công văn số 5437/UBND-KGVX ngày 10/10/2024.",
    "Thay thế Quyết định số 25/2018/QĐ-UBND ngày 12/9/2018 của UBND tỉnh.",
    "Thực hiện Thông báo số 4533/TB-BKHCN ngày 18/11/2024.",
    "Tham mưu trước khi UBND tỉnh xem xét, quyết định.",
    "Rà soát quyền hạn và cơ cấu tổ chức năm 2024.",
  ])("finds no deadline in %j", (content) => {
    const parsed = parseNotice(wrap(`(1) Phòng QLKH:\n- ${content}`), org);
    expect(parsed.tasks).toEqual([task(["QLKH"], content, "2024-12-31", false)]);
  });

  it("reports a date that does not exist and keeps the default deadline", () => {
    const content = "Nộp báo cáo trước ngày 31/02/2025.";
    const parsed = parseNotice(wrap(`(1) Phòng QLKH:\n- ${content}`), org);
    expect(parsed.tasks).toEqual([task(["QLKH"], content, "2024-12-31", false)]);
    expect(parsed.unplaced).toEqual([]);
    expect(parsed.findings).toEqual([{ code: "invalid_date", date: "31/02/2025", text: content }]);
    expect(readDeadline(content.toLowerCase(), { ref: "2024-11-29", nextBriefing: "2024-12-31" })).toEqual({ deadline: null, invalid: ["31/02/2025"], after: null });
  });

  it("takes the month after the meeting when the heading has none", () => {
    const parsed = parseNotice(wrap("(1) Phòng QLKH:\n- Việc một.", "2. Nhiệm vụ trọng tâm"), org);
    expect(parsed.notice.month).toBe("2024-12");
    expect(parsed.tasks[0]!.deadline).toBe("2024-12-31");
  });

  it("refuses to default deadlines when the month is unknown", () => {
    const parsed = parseNotice("2. Nhiệm vụ trọng tâm\n\n(1) Phòng QLKH:\n- Việc một.", org);
    expect(parsed.notice.month).toBeNull();
    expect(parsed.tasks).toEqual([]);
    expect(parsed.findings).toEqual([{ code: "no_period" }]);
    expect(parsed.unplaced).toEqual([{ text: "- Việc một.", suggestedUnits: ["QLKH"] }]);
  });

  it("handles a 1 MB paste", () => {
    const bullets = Array.from({ length: 11_000 }, (_, i) => `- Việc số ${i} theo Công văn số ${i}/UBND ngày 10/10/2024, hoàn thành trước ngày 25/12/2024.`);
    const big = wrap(`(1) Các phòng, đơn vị:\n${bullets.join("\n")}`);
    expect(big.length).toBeGreaterThan(1_000_000);
    const parsed = parseNotice(big, org);
    expect(parsed.tasks).toHaveLength(11_000);
    expect(parsed.tasks.every((t) => t.deadline === "2024-12-25" && t.units.length === 5)).toBe(true);

    // Degenerate shapes: one endless line, endless dashes, endless blank lines.
    const junks = [" ".repeat(1_000_000), "-".repeat(1_000_000), "\r\n".repeat(500_000), "trước ngày ".repeat(100_000)];
    // Words the parser looks for, over and over on one line: each must stay linear.
    junks.push("giao ".repeat(200_000), "a.".repeat(500_000), "phối hợp với Phòng QLKH, ".repeat(40_000), "Kết luận như sau ".repeat(60_000) + ":");
    for (const junk of junks) {
      expect(parseNotice(wrap(`(1) Phòng QLKH:\n- ${junk}x`), org).tasks.length).toBeGreaterThanOrEqual(0);
    }
  });
});
