// Texts of the briefing summary (Báo cáo phục vụ giao ban), as text message and as .docx.
// Dates and months arrive already formatted (dd/mm/yyyy, mm/yyyy).

const percent = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

export const summary = {
  title: (month: string) => `BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THÁNG ${month}`,
  asOf: (day: string) => `Tính đến ngày ${day}`,
  digestIntro: "Tổng hợp định kỳ trước giao ban",
  scope: (units: number, of: number) => `Phạm vi: ${units}/${of} phòng, đơn vị do Phó Giám đốc phụ trách`,

  groups: {
    doneOnTime: "Đã hoàn thành đúng hạn",
    doneLate: "Hoàn thành trễ hạn",
    inProgress: "Đang thực hiện",
    overdue: "Quá hạn",
    blocked: "Vướng mắc",
    notReported: "Chưa báo cáo",
  },
  /** The same groups inside a sentence. */
  groupsInline: {
    doneOnTime: "hoàn thành đúng hạn",
    doneLate: "hoàn thành trễ hạn",
    inProgress: "đang thực hiện",
    overdue: "quá hạn",
    blocked: "vướng mắc",
    notReported: "chưa báo cáo",
  },
  /** The same groups as narrow table column headings. */
  groupColumns: {
    doneOnTime: "Đúng hạn",
    doneLate: "Trễ hạn",
    inProgress: "Đang thực hiện",
    overdue: "Quá hạn",
    blocked: "Vướng mắc",
    notReported: "Chưa báo cáo",
  },
  groupHeading: (label: string, n: number) => `${label} (${n}):`,
  groupCount: (label: string, n: number) => `${label} ${n}`,

  unitCounts: (total: number, parts: string[]) => `Tổng số ${total} nhiệm vụ chủ trì, trong đó: ${parts.join("; ")}.`,
  sharedPartsNote: (n: number) => `(${n} nhiệm vụ chung với đơn vị khác: xem mục Nhiệm vụ chung.)`,
  sharedHeading: (n: number) => `NHIỆM VỤ CHUNG CỦA NHIỀU PHÒNG, ĐƠN VỊ (${n})`,
  noTasks: "Không có nhiệm vụ.",

  deadline: (day: string, stated: boolean) => (stated ? `hạn ${day}` : `thực hiện trong tháng, đến ${day}`),
  deadlineCell: (day: string, stated: boolean) => (stated ? day : `Trong tháng (đến ${day})`),
  doneOn: (day: string) => `hoàn thành ngày ${day}`,
  overdueDays: (n: number) => `quá hạn ${n} ngày`,
  blockedReason: (reason: string) => `Vướng mắc: ${reason}`,
  noReason: "(chưa nêu lý do)",
  note: (note: string) => `Ghi chú: ${note}`,

  totalsHeading: "TỔNG HỢP",
  totalsSentence: (total: number, parts: number, units: number) =>
    `Tổng số ${total} nhiệm vụ (${parts} phần việc chủ trì của ${units} phòng, đơn vị), trong đó:`,
  totalsLine: (label: string, n: number) => `${label}: ${n}`,
  completionRate: (done: number, total: number) =>
    `Tỷ lệ hoàn thành: ${percent.format((done / total) * 100)}% (${done}/${total} nhiệm vụ).`,
  noTasksAtAll: "Trong kỳ không có nhiệm vụ nào được giao.",

  overdueHeading: "CÁC NHIỆM VỤ QUÁ HẠN",
  noOverdue: "Không có nhiệm vụ quá hạn.",

  document: {
    nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto: "Độc lập – Tự do – Hạnh phúc",
    title: "BÁO CÁO",
    subtitle: (month: string) => `Tình hình thực hiện nhiệm vụ tháng ${month}`,
    asOf: (day: string) => `(Tính đến ngày ${day})`,
    unitsHeading: "I. TÌNH HÌNH THỰC HIỆN CỦA CÁC PHÒNG, ĐƠN VỊ",
    totalsHeading: "II. TỔNG HỢP",
    overdueHeading: "III. CÁC NHIỆM VỤ QUÁ HẠN",
    unitHeading: (n: number, name: string) => `${n}. ${name}`,
    columns: {
      index: "STT",
      content: "Nội dung nhiệm vụ",
      deadline: "Thời hạn",
      status: "Tình hình thực hiện",
      unit: "Phòng, đơn vị",
      total: "Tổng số",
      daysOverdue: "Số ngày quá hạn",
    },
    grandTotal: "Số nhiệm vụ",
    /** `month` as "YYYY-MM": a file name has no slashes. */
    fileName: (month: string) => `bao-cao-giao-ban-${month}.docx`,
  },
} as const;
