import { describe, expect, it } from "vitest";
import { applyChange, cycleRole, draftAsNotice, type Draft } from "../../src/domain/draft.js";

const UNITS = ["QLKH", "HCTH", "QLCN"];
const draft: Draft = {
  notice: { number: "12/TB-SKHCN", issuedOn: "2025-01-06", meetingOn: "2024-12-30", month: "2025-01", period: { kind: "month", start: "2025-01-01", end: "2025-01-31" }, issuer: null },
  tasks: [{ content: "Tổ chức Hội đồng tư vấn", lead: ["QLKH"], support: [], deadline: "2025-01-20", deadlineStated: true, deadlineKind: "date", source: "2.(1)" }],
  unplaced: [{ text: "Phòng HCTH bố trí lịch họp", suggestedUnits: ["HCTH"] }],
};

describe("correcting a draft", () => {
  it("places a line as a task due at the period's end, or dismisses it", () => {
    const placed = applyChange(draft, { op: "place", line: 0, lead: ["HCTH"] }, UNITS) as Draft;
    expect(placed.unplaced).toEqual([]);
    expect(placed.tasks[1]).toEqual({ content: "Phòng HCTH bố trí lịch họp", lead: ["HCTH"], support: [], deadline: "2025-01-31", deadlineStated: false, deadlineKind: "default", source: "" });
    expect((applyChange(draft, { op: "dismiss", line: 0 }, UNITS) as Draft).tasks).toHaveLength(1);
    expect(applyChange(draft, { op: "place", line: 3, lead: ["HCTH"] }, UNITS)).toBe("no_such_line");
  });

  it("keeps a responsible unit, known units only, and a coordinating unit never also responsible", () => {
    expect(applyChange(draft, { op: "units", task: 0, lead: [], support: ["HCTH"] }, UNITS)).toBe("no_lead_unit");
    expect(applyChange(draft, { op: "units", task: 0, lead: ["XYZ"], support: [] }, UNITS)).toBe("unknown_unit");
    const both = applyChange(draft, { op: "units", task: 0, lead: ["QLKH"], support: ["QLKH", "HCTH"] }, UNITS) as Draft;
    expect([both.tasks[0]!.lead, both.tasks[0]!.support]).toEqual([["QLKH"], ["HCTH"]]);
  });

  it("cycles a unit's role: none → responsible → coordinating → none", () => {
    const task = draft.tasks[0]!;
    expect(cycleRole(task, "HCTH")).toEqual({ lead: ["QLKH", "HCTH"], support: [] });
    expect(cycleRole({ ...task, lead: ["QLKH", "HCTH"] }, "HCTH")).toEqual({ lead: ["QLKH"], support: ["HCTH"] });
    expect(cycleRole({ ...task, support: ["HCTH"] }, "HCTH")).toEqual({ lead: ["QLKH"], support: [] });
  });

  it("sets a stated deadline, or back to the default; refuses one more than a year from the period", () => {
    expect((applyChange(draft, { op: "deadline", task: 0, deadline: null }, UNITS) as Draft).tasks[0]).toMatchObject({ deadline: "2025-01-31", deadlineStated: false, deadlineKind: "default" });
    expect(applyChange(draft, { op: "deadline", task: 0, deadline: "2027-01-31" }, UNITS)).toBe("deadline_outside");
    expect(applyChange(draft, { op: "drop", task: 5 }, UNITS)).toBe("no_such_task");
  });

  it("is stored as it reads: the tasks, units and deadlines of the draft", () => {
    const notice = draftAsNotice(applyChange(draft, { op: "add", content: "Báo cáo tổng kết", lead: ["QLCN"] }, UNITS) as Draft);
    expect(notice.tasks.map((t) => [t.units, t.support, t.content, t.deadline])).toEqual([
      [["QLKH"], [], "Tổ chức Hội đồng tư vấn", "2025-01-20"],
      [["QLCN"], [], "Báo cáo tổng kết", "2025-01-31"],
    ]);
  });
});
