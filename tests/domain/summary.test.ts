import { describe, expect, it } from "vitest";
import { classifyPart, classifyTask, compileSummary, compileSummaryFor, type Summary } from "../../src/domain/summary/compile.js";
import { groupPage, summaryMessage } from "../../src/documents/report/message.js";
import { shorten, splitMessage } from "../../src/domain/text.js";
import type { PartView, TaskView, UnitInfo } from "../../src/domain/types.js";

const TODAY = "2024-12-20";
const units: UnitInfo[] = [
  { code: "QLKH", name: "Phòng Quản lý Khoa học", aliases: [] },
  { code: "KHTC", name: "Phòng Kế hoạch – Tài chính", aliases: [] },
  { code: "HCTH", name: "Phòng Hành chính – Tổng hợp", aliases: [] },
];

let nextId = 1;
function part(over: Partial<PartView>): PartView {
  return {
    id: nextId++,
    taskId: 0,
    unitCode: "QLKH",
    role: "lead",
    content: "Tham mưu kế hoạch kiểm tra các nhiệm vụ khoa học và công nghệ cấp tỉnh",
    deadline: TODAY,
    deadlineStated: true,
    status: "open",
    note: null,
    doneOn: null,
    reported: false,
    ...over,
  };
}

/** A task of one responsible unit, described by its part. */
function task(over: Partial<PartView>): TaskView {
  const p = part(over);
  const id = nextId++;
  return { id, content: p.content, deadline: p.deadline, deadlineStated: p.deadlineStated, parts: [{ ...p, taskId: id }] };
}

/** A task of several units: `parts` give each unit's state. */
function shared(content: string, deadline: string, parts: Partial<PartView>[]): TaskView {
  const id = nextId++;
  return { id, content, deadline, deadlineStated: true, parts: parts.map((over) => part({ content, deadline, ...over, taskId: id })) };
}

describe("classifyPart", () => {
  it.each([
    ["done exactly on the deadline", { status: "done", doneOn: "2024-12-15", deadline: "2024-12-15" }, "doneOnTime"],
    ["done a day after the deadline", { status: "done", doneOn: "2024-12-16", deadline: "2024-12-15" }, "doneLate"],
    ["done without a recorded day", { status: "done", doneOn: null, deadline: "2024-12-15" }, "doneOnTime"],
    ["in progress, deadline today", { status: "in_progress", deadline: TODAY, reported: true }, "inProgress"],
    ["in progress, deadline yesterday", { status: "in_progress", deadline: "2024-12-19", reported: true }, "overdue"],
    ["open, never reported, deadline today", { status: "open", deadline: TODAY }, "notReported"],
    ["open, never reported, deadline yesterday", { status: "open", deadline: "2024-12-19" }, "overdue"],
    ["open but reported (extension asked)", { status: "open", deadline: "2024-12-31", reported: true }, "inProgress"],
    ["open but reported, past deadline", { status: "open", deadline: "2024-12-19", reported: true }, "overdue"],
    ["blocked past the deadline", { status: "blocked", deadline: "2024-12-01", note: "Chờ kinh phí" }, "blocked"],
    ["blocked before the deadline", { status: "blocked", deadline: "2024-12-31" }, "blocked"],
    ["cancelled", { status: "cancelled", deadline: "2024-12-01" }, null],
    ["carried over", { status: "carried_over", deadline: "2024-12-01" }, null],
  ] as const)("%s", (_name, over, expected) => {
    expect(classifyPart(part(over), TODAY)).toBe(expected);
  });
});

describe("classifyTask: a shared task from its units' parts", () => {
  it.each([
    ["all done on time", [{ status: "done", doneOn: "2024-12-10" }, { status: "done", doneOn: "2024-12-12" }], "doneOnTime"],
    ["all done, one late", [{ status: "done", doneOn: "2024-12-10", deadline: "2024-12-15" }, { status: "done", doneOn: "2024-12-16", deadline: "2024-12-15" }], "doneLate"],
    ["one done, one blocked", [{ status: "done", doneOn: "2024-12-10" }, { unitCode: "KHTC", status: "blocked" }], "blocked"],
    ["one done, one overdue", [{ status: "done", doneOn: "2024-12-10" }, { unitCode: "KHTC", status: "open", deadline: "2024-12-19" }], "overdue"],
    ["one done, one not reported", [{ status: "done", doneOn: "2024-12-10" }, { unitCode: "KHTC", status: "open", deadline: "2024-12-31" }], "notReported"],
    ["a coordinating unit never counts", [{ status: "done", doneOn: "2024-12-10" }, { unitCode: "KHTC", role: "support", status: "open", deadline: "2024-12-01" }], "doneOnTime"],
    ["cancelled everywhere", [{ status: "cancelled" }, { unitCode: "KHTC", status: "cancelled" }], null],
  ] as const)("%s", (_name, parts, expected) => {
    expect(classifyTask(shared("Nhiệm vụ chung", "2024-12-20", [...parts]), TODAY)).toBe(expected);
  });
});

describe("compileSummaryFor", () => {
  const input = {
    month: "2024-12",
    today: TODAY,
    units,
    tasks: [
      task({ status: "done", doneOn: "2024-12-10", deadline: "2024-12-15" }),
      task({ unitCode: "KHTC", status: "in_progress", reported: true, deadline: "2024-12-31" }),
      task({ unitCode: "HCTH" }),
    ],
  };

  it("gives the whole department when the reader oversees everything", () => {
    expect(compileSummaryFor(input, null)).toEqual(compileSummary(input));
  });

  it("gives a deputy only the overseen units, their tasks and totals, as part of the department", () => {
    const s = compileSummaryFor(input, ["QLKH", "HCTH"]);
    expect(s.units.map((u) => u.code)).toEqual(["QLKH", "HCTH"]);
    expect([s.total, s.totals.doneOnTime, s.totals.notReported, s.totals.inProgress]).toEqual([2, 1, 1, 0]);
    expect(s.departmentUnits).toBe(3);
  });
});

function sample(): Summary {
  return compileSummary(sampleInput());
}

function sampleInput() {
  return ({
    month: "2024-12",
    today: TODAY,
    units,
    tasks: [
      task({ content: "Hoàn thiện hồ sơ đặt hàng nhiệm vụ năm 2025", status: "done", doneOn: "2024-12-10", deadline: "2024-12-15" }),
      task({ content: "Báo cáo kết quả nghiệm thu đề tài", status: "done", doneOn: "2024-12-18", deadline: "2024-12-15" }),
      task({ content: "Tổ chức hội đồng tuyển chọn", status: "blocked", deadline: "2024-12-17", note: "Chờ ý kiến của Sở Tài chính" }),
      task({ content: "Rà soát danh mục thiết bị", status: "blocked", deadline: "2024-12-31", note: null }),
      task({ unitCode: "KHTC", content: "Lập dự toán ngân sách 2025", status: "in_progress", deadline: "2024-12-10", reported: true }),
      task({ unitCode: "KHTC", content: "Quyết toán kinh phí quý IV", status: "open", deadline: "2024-12-05" }),
      task({ unitCode: "KHTC", content: "Tổng hợp số liệu thống kê", status: "in_progress", deadline: "2024-12-28", reported: true, note: "Đã gửi các phòng" }),
      task({ unitCode: "KHTC", content: "Xây dựng kế hoạch năm", status: "open", deadline: "2025-01-08", deadlineStated: false }),
      task({ unitCode: "KHTC", content: "Nhiệm vụ đã hủy", status: "cancelled" }),
      task({ unitCode: "KHTC", content: "Nhiệm vụ chuyển kỳ sau", status: "carried_over", deadline: "2024-11-01" }),
    ],
  });
}

describe("compileSummary", () => {
  it("lists every unit in the given order, empty ones included", () => {
    const s = sample();
    expect(s.units.map((u) => [u.code, u.total])).toEqual([["QLKH", 4], ["KHTC", 4], ["HCTH", 0]]);
    expect(s.units[2]?.name).toBe("Phòng Hành chính – Tổng hợp");
    expect(s.month).toBe("2024-12");
    expect(s.today).toBe(TODAY);
  });

  it("puts each counted task in one group and totals them, cancelled and carried over left out", () => {
    const s = sample();
    const qlkh = s.units[0]!;
    expect(qlkh.groups.doneOnTime).toHaveLength(1);
    expect(qlkh.groups.doneLate).toHaveLength(1);
    expect(qlkh.groups.blocked.map((t) => t.note)).toEqual(["Chờ ý kiến của Sở Tài chính", null]);
    expect(s.totals).toEqual({ doneOnTime: 1, doneLate: 1, inProgress: 1, overdue: 2, blocked: 2, notReported: 1 });
    expect([s.total, s.parts]).toEqual([8, 8]);
  });

  it("lists overdue tasks of all units, most overdue first, with days since the deadline", () => {
    const s = sample();
    expect(s.overdueList.map((o) => [o.task.content, o.unitNames, o.daysOverdue])).toEqual([
      ["Quyết toán kinh phí quý IV", ["Phòng Kế hoạch – Tài chính"], 15],
      ["Lập dự toán ngân sách 2025", ["Phòng Kế hoạch – Tài chính"], 10],
    ]);
  });

  it("keeps a task whose unit is not in the list, under its code", () => {
    const s = compileSummary({ month: "2024-12", today: TODAY, units, tasks: [task({ unitCode: "TTTT" })] });
    expect(s.units.map((u) => u.code)).toEqual(["QLKH", "KHTC", "HCTH", "TTTT"]);
    expect(s.total).toBe(1);
  });
});

describe("a task shared by several units", () => {
  const s = compileSummary({
    month: "2024-12",
    today: TODAY,
    units,
    tasks: [
      shared("Xây dựng kế hoạch triển khai Thông báo số 4533/TB-BKHCN", "2024-12-15", [
        { unitCode: "QLKH", status: "done", doneOn: "2024-12-10" },
        { unitCode: "KHTC", status: "open" },
        { unitCode: "HCTH", status: "blocked", note: "Chờ kinh phí" },
      ]),
      task({ content: "Rà soát danh mục thiết bị", unitCode: "HCTH", status: "done", doneOn: "2024-12-10" }),
    ],
  });
  const text = groupPage(s, "blocked", 0).text;

  it("is counted once among the tasks and once per unit among the parts", () => {
    expect([s.total, s.parts]).toEqual([2, 4]);
    expect(s.totals).toMatchObject({ blocked: 1, doneOnTime: 1 });
    expect(s.units.map((u) => [u.code, u.total])).toEqual([["QLKH", 1], ["KHTC", 1], ["HCTH", 2]]);
  });

  it("is one item of its group's list, with each unit's state", () => {
    expect(text.split("Xây dựng kế hoạch triển khai Thông báo số 4533/TB-BKHCN").length - 1).toBe(1);
    expect(text).toContain("1. ⚠️ Xây dựng kế hoạch triển khai Thông báo số 4533/TB-BKHCN (hạn 15/12/2024, quá hạn 5 ngày)\n   QLKH ✅, KHTC ⛔, HCTH ⚠️\n   📝 HCTH: Chờ kinh phí");
  });
});

describe("shorten", () => {
  it("keeps short text and cuts long text at a word with an ellipsis", () => {
    expect(shorten("ngắn", 10)).toBe("ngắn");
    expect(shorten("một hai ba bốn năm", 12)).toBe("một hai ba…");
    expect(shorten("x".repeat(20), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("splitMessage", () => {

  it("a 300-task summary is still one message, its lists a page of 8 within the limit", () => {
    const tasks = Array.from({ length: 300 }, (_, i) =>
      task({
        unitCode: units[i % 3]!.code,
        content: `Nhiệm vụ số ${i + 1}: triển khai, đôn đốc và báo cáo kết quả thực hiện các nội dung theo kết luận giao ban`,
        deadline: i % 2 ? "2024-12-10" : "2024-12-28",
        status: i % 5 === 0 ? "blocked" : "in_progress",
        note: i % 5 === 0 ? "Chờ hướng dẫn của Bộ Khoa học và Công nghệ" : null,
        reported: true,
      }),
    );
    const summary = compileSummary({ month: "2024-12", today: TODAY, units, tasks });
    expect(splitMessage(summaryMessage(summary))).toHaveLength(1);
    const page = groupPage(summary, "overdue", 2);
    expect(page.text.length).toBeLessThanOrEqual(4096);
    expect(page.text.match(/^\d+\. /gm)).toHaveLength(8);
    expect(page.text).toMatch(/^17\. /m);
  });

  it("cuts at blank lines between blocks when the blocks fit", () => {
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    const c = `c1\n${"c".repeat(30)}`;
    expect(splitMessage(`${a}\n\n${b}\n\n${c}`, 85)).toEqual([`${a}\n\n${b}`, c]);
  });

  it("falls back to line ends inside a block too long for one part", () => {
    const block = ["x".repeat(30), "y".repeat(30), "z".repeat(30)].join("\n");
    expect(splitMessage(`head\n\n${block}`, 65)).toEqual([`head\n\n${"x".repeat(30)}`, `${"y".repeat(30)}\n${"z".repeat(30)}`]);
  });

  it("hard-splits only a line longer than the limit, keeping surrogate pairs whole", () => {
    const line = `${"a".repeat(9)}😀${"b".repeat(15)}`;
    const parts = splitMessage(`short\n${line}`, 10);
    expect(parts.join("")).toBe(`short${line}`);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(10);
    expect(parts).toContain("short");
    expect(parts.some((p) => p.includes("😀"))).toBe(true);
  });

  it("gives no part for blank text and one part for short text", () => {
    expect(splitMessage(" \n\n")).toEqual([]);
    expect(splitMessage("xin chào\n")).toEqual(["xin chào"]);
  });
});
