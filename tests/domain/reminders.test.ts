import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../../src/domain/calendar.js";
import { byUnit, dueTasks } from "../../src/domain/reminders.js";
import type { PartView } from "../../src/domain/types.js";

const calendar = new WorkCalendar(new Set([1, 2, 3, 4, 5]), { daysOff: ["2025-01-01"] });
const rules = { dueSoonDays: 3, overdueRepeatWorkingDays: 2 };

function task(id: number, deadline: string, status: PartView["status"] = "open", unitCode = "HCTH", role: PartView["role"] = "lead"): PartView {
  return { id, taskId: id, unitCode, role, content: `Nhiệm vụ ${id}`, deadline, deadlineStated: true, status, note: null, doneOn: null, reported: false };
}

const reasons = (today: string, tasks: PartView[], lastOverdue = new Map<number, string>()) =>
  dueTasks({ today, tasks, lastOverdue, calendar, rules }).map((d) => [d.task.id, d.reason]);

describe("which tasks are due on a day", () => {
  // 2024-12-23 is a Monday.
  it("lists due soon (within 3 days), due today and overdue; overdue first", () => {
    const tasks = [task(1, "2024-12-26"), task(2, "2024-12-23"), task(3, "2024-12-20"), task(4, "2024-12-27"), task(5, "2024-12-31")];
    expect(reasons("2024-12-23", tasks)).toEqual([
      [3, "overdue"],
      [2, "due_today"],
      [1, "due_soon"],
    ]);
  });

  it("never lists done, cancelled or carried-over tasks; lists in progress and blocked ones", () => {
    const tasks = [task(1, "2024-12-23", "done"), task(2, "2024-12-23", "cancelled"), task(3, "2024-12-23", "carried_over"), task(4, "2024-12-23", "in_progress"), task(5, "2024-12-23", "blocked")];
    expect(reasons("2024-12-23", tasks).map(([id]) => id)).toEqual([4, 5]);
  });

  it("never reminds a coordinating unit: it reports nothing", () => {
    expect(reasons("2024-12-23", [task(1, "2024-12-23", "open", "HCTH", "support"), task(2, "2024-12-23")])).toEqual([[2, "due_today"]]);
  });

  it("sends nothing on a weekend or a holiday", () => {
    expect(reasons("2024-12-21", [task(1, "2024-12-21")])).toEqual([]);
    expect(reasons("2025-01-01", [task(1, "2024-12-31")])).toEqual([]);
  });

  it("repeats an overdue task only every 2 working days, counting over the weekend", () => {
    const overdue = [task(1, "2024-12-18")];
    const last = (day: string) => new Map([[1, day]]);
    expect(reasons("2024-12-19", overdue, last("2024-12-19"))).toEqual([]); // already today
    expect(reasons("2024-12-20", overdue, last("2024-12-19"))).toEqual([]); // 1 working day later
    expect(reasons("2024-12-23", overdue, last("2024-12-19"))).toEqual([[1, "overdue"]]); // Fri, Mon: 2
    expect(reasons("2024-12-23", overdue, last("2024-12-20"))).toEqual([]); // Mon is 1 after Fri
  });

  it("a deadline on a Saturday is due soon on Friday and overdue on Monday", () => {
    expect(reasons("2024-12-27", [task(1, "2024-12-28")])).toEqual([[1, "due_soon"]]);
    expect(reasons("2024-12-30", [task(1, "2024-12-28")])).toEqual([[1, "overdue"]]);
  });

  it("groups by unit", () => {
    const due = dueTasks({ today: "2024-12-23", tasks: [task(1, "2024-12-23", "open", "QLKH"), task(2, "2024-12-23"), task(3, "2024-12-24", "open", "QLKH")], lastOverdue: new Map(), calendar, rules });
    expect([...byUnit(due)].map(([u, d]) => [u, d.map((x) => x.task.id)])).toEqual([
      ["QLKH", [1, 3]],
      ["HCTH", [2]],
    ]);
  });
});
