import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { renderSummaryDocx } from "../../src/documents/summaryDocx.js";
import { compileSummary } from "../../src/domain/summary/compile.js";
import type { PartView, TaskView, UnitInfo } from "../../src/domain/types.js";

const units: UnitInfo[] = [
  { code: "QLKH", name: "Phòng Quản lý Khoa học", aliases: [] },
  { code: "HCTH", name: "Phòng Hành chính – Tổng hợp", aliases: [] },
];

const base = { deadlineStated: true, doneOn: null, note: null, reported: true, role: "lead" } as const;
const parts: PartView[] = [
  { ...base, id: 1, taskId: 1, unitCode: "QLKH", content: "Tổ chức hội đồng tuyển chọn đề tài cấp tỉnh năm 2025", deadline: "2024-12-17", status: "blocked", note: "Chờ ý kiến của Sở Tài chính về kinh phí" },
  { ...base, id: 2, taskId: 2, unitCode: "QLKH", content: "Báo cáo kết quả nghiệm thu đề tài", deadline: "2024-12-15", status: "done", doneOn: "2024-12-18" },
  { ...base, id: 3, taskId: 3, unitCode: "QLKH", content: "Quyết toán kinh phí các nhiệm vụ chuyển tiếp", deadline: "2024-12-05", status: "in_progress" },
  { ...base, id: 4, taskId: 4, unitCode: "QLKH", content: "Kiểm kê tài sản năm 2024", deadline: "2024-12-31", status: "done", doneOn: "2024-12-19" },
  { ...base, id: 5, taskId: 4, unitCode: "HCTH", content: "Kiểm kê tài sản năm 2024", deadline: "2024-12-31", status: "in_progress" },
];
const tasks: TaskView[] = [1, 2, 3, 4].map((id) => {
  const own = parts.filter((p) => p.taskId === id);
  return { id, content: own[0]!.content, deadline: own[0]!.deadline, deadlineStated: true, parts: own };
});

async function rawText(): Promise<string> {
  const summary = compileSummary({ month: "2024-12", today: "2024-12-20", units, tasks });
  const buffer = await renderSummaryDocx(summary);
  return (await mammoth.extractRawText({ buffer })).value;
}

describe("renderSummaryDocx", () => {
  it("writes a readable .docx with units, tasks, reasons and totals", async () => {
    const text = await rawText();
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Tình hình thực hiện nhiệm vụ tháng 12/2024");
    expect(text).toContain("(Tính đến ngày 20/12/2024)");
    expect(text).toContain("1. Phòng Quản lý Khoa học");
    expect(text).toContain("2. Phòng Hành chính – Tổng hợp");
    expect(text).toContain("Tổ chức hội đồng tuyển chọn đề tài cấp tỉnh năm 2025");
    expect(text).toContain("Vướng mắc: Chờ ý kiến của Sở Tài chính về kinh phí");
    expect(text).toContain("Quá hạn 3 ngày");
    expect(text).toContain("Hoàn thành ngày 18/12/2024");
    expect(text).toContain("Tổng số 4 nhiệm vụ (5 phần việc chủ trì của 2 phòng, đơn vị), trong đó:");
    expect(text).toContain("Số nhiệm vụ");
    expect(text).toContain("Tỷ lệ hoàn thành: 25% (1/4 nhiệm vụ).");
    // The shared task is written once, with each unit's state.
    expect(text.split("Kiểm kê tài sản năm 2024").length - 1).toBe(1);
    expect(text).toContain("NHIỆM VỤ CHUNG CỦA NHIỀU PHÒNG, ĐƠN VỊ (1)");
    expect(text).toContain("Phòng Hành chính – Tổng hợp: đang thực hiện");
    expect(text).toContain("III. CÁC NHIỆM VỤ QUÁ HẠN");
    expect(text).toContain("Quyết toán kinh phí các nhiệm vụ chuyển tiếp");
  });
});
