// Texts of the briefing summary: the one chat message, its lists, the chart, the report (.docx)
// and the register (.xlsx). Dates and months arrive already formatted (dd/mm/yyyy, mm/yyyy).

const percentFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
/** "4,2%" of `n` in `total`; "0%" of nothing. */
export const percent = (n: number, total: number): string => `${percentFormat.format(total === 0 ? 0 : (n / total) * 100)}%`;

export const summary = {
  title: (month: string) => `📊 TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THÁNG ${month}`,
  asOf: (day: string) => `Tính đến ngày ${day}`,
  digestIntro: "Tổng hợp định kỳ trước giao ban",
  scope: (units: number, of: number) => `Phạm vi: ${units}/${of} phòng, đơn vị do Phó Giám đốc phụ trách`,

  /** The classification of Vietnamese government task tracking. */
  groups: {
    doneOnTime: "Hoàn thành đúng hạn",
    doneLate: "Hoàn thành quá hạn",
    inProgress: "Chưa hoàn thành, trong hạn",
    overdue: "Chưa hoàn thành, quá hạn",
    blocked: "Vướng mắc",
    notReported: "Chưa báo cáo",
  },
  /** One sign a group, so that a unit's line fits a phone's width. */
  icons: { doneOnTime: "✅", doneLate: "☑️", inProgress: "⏳", overdue: "⛔", blocked: "⚠️", notReported: "❔" },
  /** The same groups where "đã hoàn thành" / "chưa hoàn thành" is already said. */
  short: {
    doneOnTime: "đúng hạn",
    doneLate: "quá hạn",
    inProgress: "trong hạn",
    overdue: "quá hạn",
    blocked: "vướng mắc",
    notReported: "chưa báo cáo",
  },
  legend: "✅ xong đúng hạn · ☑️ xong quá hạn · ⏳ đang làm, trong hạn · ⛔ chưa xong, quá hạn · ⚠️ vướng mắc · ❔ chưa báo cáo",
  unitsHeading: "Theo đơn vị (phần việc chủ trì):",
  unitLine: (n: number, code: string, total: number, counts: string) => `${n}. ${code} (${total}): ${counts}`,
  unitNone: (n: number, code: string) => `${n}. ${code}: không có nhiệm vụ`,
  totals: (tasks: number, parts: number, units: number) => `Tổng số ${tasks} nhiệm vụ (${parts} phần việc chủ trì của ${units} phòng, đơn vị):`,
  doneLine: (n: number, pct: string, onTime: number, late: number) => `• Đã hoàn thành ${n} (${pct}): đúng hạn ${onTime}, quá hạn ${late}`,
  openLine: (n: number, pct: string, inTime: number, late: number) => `• Chưa hoàn thành ${n} (${pct}): trong hạn ${inTime}, quá hạn ${late}`,
  otherLine: (blocked: number, notReported: number) => `• Vướng mắc ${blocked}; chưa báo cáo ${notReported}`,
  noTasksAtAll: "Trong kỳ không có nhiệm vụ nào được giao.",
  attention: "Cần Giám đốc quan tâm:",
  overdueItem: (units: string, content: string, days: number) => `⛔ ${units}: ${content} — quá hạn ${days} ngày`,
  blockedItem: (units: string, content: string, reason: string) => `⚠️ ${units}: ${content} — ${reason}`,
  moreItems: (n: number) => `… và ${n} việc khác (bấm nút bên dưới)`,
  noReason: "chưa nêu lý do",

  buttons: {
    units: "🏢 Theo đơn vị",
    group: (icon: string, n: number) => `${icon} ${n}`,
    docx: "📄 Báo cáo .docx",
    xlsx: "📊 Sổ theo dõi .xlsx",
    prev: "◀️",
    next: "▶️",
    unit: (code: string, total: number) => `${code} (${total})`,
  },
  pickUnit: "Chọn phòng, đơn vị:",
  unitListTitle: (name: string, total: number) => `🏢 ${name}: ${total} phần việc chủ trì`,
  groupListTitle: (label: string, n: number) => `${label}: ${n} nhiệm vụ`,
  page: (page: number, pages: number) => `Trang ${page}/${pages}`,
  listItem: (n: number, icon: string, content: string, when: string) => `${n}. ${icon} ${content} (${when})`,
  deadline: (day: string, stated: boolean) => (stated ? `hạn ${day}` : `trong kỳ, đến ${day}`),
  overdueDays: (n: number) => `quá hạn ${n} ngày`,
  doneOn: (day: string) => `xong ngày ${day}`,
  withOthers: (states: string) => `   chung: ${states}`,
  unitsState: (states: string) => `   ${states}`,
  noteLine: (note: string) => `   📝 ${note}`,
  emptyList: "Không có nhiệm vụ nào.",
  gone: "Báo cáo của kỳ này không còn; gửi /summary để xem lại.",
  building: "Đang lập tệp…",
  fileFailed: "Không lập được tệp lúc này, xin thử lại sau.",

  chart: {
    title: (month: string) => `Tình hình thực hiện nhiệm vụ tháng ${month}`,
    unitAxis: "Phòng, đơn vị",
    countAxis: "Số phần việc chủ trì",
    group: "Tình trạng",
    caption: (month: string, day: string) => `Tình hình thực hiện nhiệm vụ tháng ${month}, tính đến ngày ${day}`,
  },

  document: {
    nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto: "Độc lập - Tự do - Hạnh phúc",
    number: (suffix: string) => `Số:        /BC-${suffix}`,
    numberNoSuffix: "Số:        /BC",
    placeDate: (place: string, d: { day: string; month: string; year: string }) =>
      `${place || "……"}, ngày ${d.day} tháng ${d.month} năm ${d.year}`,
    title: "BÁO CÁO",
    subject: (month: string) => `Tình hình thực hiện nhiệm vụ được giao tại cuộc họp giao ban tháng ${month}`,
    scope: (units: number, of: number) => `(Phạm vi: ${units}/${of} phòng, đơn vị do Phó Giám đốc phụ trách)`,
    intro: (department: string, day: string) =>
      `Thực hiện chỉ đạo của Giám đốc Sở tại cuộc họp giao ban, trên cơ sở báo cáo của các phòng, đơn vị, ${department} báo cáo tình hình thực hiện nhiệm vụ tính đến ngày ${day} như sau:`,
    results: "I. KẾT QUẢ THỰC HIỆN",
    totals: (tasks: number, parts: number, units: number) =>
      `Tổng số nhiệm vụ được giao trong kỳ: ${tasks} nhiệm vụ (${parts} phần việc chủ trì của ${units} phòng, đơn vị), trong đó:`,
    done: (n: number, pct: string, onTime: number, late: number) =>
      `- Đã hoàn thành ${n} nhiệm vụ, đạt tỷ lệ ${pct} (đúng hạn ${onTime}, quá hạn ${late});`,
    open: (n: number, pct: string, inTime: number, late: number, blocked: number, notReported: number) =>
      `- Chưa hoàn thành ${n} nhiệm vụ, chiếm ${pct} (trong hạn ${inTime}, quá hạn ${late}, vướng mắc ${blocked}, chưa báo cáo ${notReported}).`,
    none: "Trong kỳ không có nhiệm vụ nào được giao.",
    byUnit: "Kết quả theo từng phòng, đơn vị:",
    unitResult: (name: string, total: number, done: number, pct: string, overdue: number, blocked: number, notReported: number) =>
      `- ${name}: ${total} phần việc chủ trì, đã hoàn thành ${done} (${pct}); quá hạn ${overdue}; vướng mắc ${blocked}; chưa báo cáo ${notReported}.`,
    notable: "Một số nhiệm vụ đã hoàn thành:",
    doneItem: (content: string, units: string, when: string) => `- ${content} (${units}${when ? `, ${when}` : ""}).`,
    behind: "II. NHỮNG NHIỆM VỤ CHẬM TIẾN ĐỘ, VƯỚNG MẮC VÀ NGUYÊN NHÂN",
    overdueIntro: (n: number) => `1. Có ${n} nhiệm vụ quá hạn chưa hoàn thành:`,
    overdueItem: (content: string, units: string, deadline: string, days: number) =>
      `- ${content} (${units}; hạn ${deadline}, quá hạn ${days} ngày).`,
    noOverdue: "1. Không có nhiệm vụ quá hạn.",
    blockedIntro: (n: number) => `2. Có ${n} nhiệm vụ gặp vướng mắc:`,
    blockedItem: (content: string, unit: string, reason: string) => `- ${content} (${unit}): ${reason}.`,
    noBlocked: "2. Không có nhiệm vụ gặp vướng mắc.",
    extensionsIntro: (n: number) => `3. Có ${n} phần việc được gia hạn:`,
    extensionItem: (content: string, unit: string, day: string) => `- ${content}: ${unit} được gia hạn đến ngày ${day}.`,
    noExtensions: "3. Không có phần việc nào được gia hạn.",
    notReported: (n: number, units: string) => `4. Còn ${n} phần việc các đơn vị chưa báo cáo tình hình (${units}).`,
    more: (n: number) => `- Và ${n} nhiệm vụ khác (chi tiết tại Phụ lục).`,
    carry: "III. NHIỆM VỤ CHUYỂN SANG KỲ SAU",
    carryText: (n: number) =>
      `Có ${n} nhiệm vụ chưa hoàn thành được chuyển sang kỳ sau; đề nghị các phòng, đơn vị tập trung thực hiện, ưu tiên các nhiệm vụ quá hạn và vướng mắc nêu tại mục II. Danh mục chi tiết tại Phụ lục kèm theo.`,
    carryNone: "Các nhiệm vụ trong kỳ đã hoàn thành, không có nhiệm vụ chuyển sang kỳ sau.",
    closing: "Trên đây là báo cáo tình hình thực hiện nhiệm vụ, kính trình Giám đốc Sở xem xét, chỉ đạo./.",
    recipients: "Nơi nhận:",
    archive: (archive: string) => `- Lưu: ${archive}.`,
    annex: "Phụ lục",
    annexTitle: (month: string) => `DANH MỤC NHIỆM VỤ ĐƯỢC GIAO TẠI CUỘC HỌP GIAO BAN THÁNG ${month}`,
    annexRef: (suffix: string, day: string) => `(Kèm theo Báo cáo số      /BC${suffix ? `-${suffix}` : ""} ngày ${day})`,
    columns: {
      index: "STT",
      content: "Nội dung nhiệm vụ",
      units: "Đơn vị chủ trì / phối hợp",
      deadline: "Thời hạn",
      result: "Kết quả thực hiện",
      status: "Tình trạng",
      remarks: "Ghi chú",
    },
    lead: "Chủ trì",
    support: "Phối hợp",
    partState: (unit: string, state: string) => `${unit}: ${state}`,
    inPeriod: "Trong kỳ, đến",
    extended: (unit: string, day: string) => `${unit} gia hạn đến ${day}`,
    blocked: (unit: string, reason: string) => `${unit} vướng mắc: ${reason}`,
    overdue: (days: number) => `Quá hạn ${days} ngày`,
    fileName: (month: string) => `bao-cao-giao-ban-${month}.docx`,
  },

  register: {
    sheet: "Sổ theo dõi",
    columns: {
      index: "STT",
      task: "Số nhiệm vụ",
      content: "Nội dung nhiệm vụ",
      unit: "Đơn vị",
      role: "Vai trò",
      deadline: "Thời hạn",
      extended: "Gia hạn đến",
      doneOn: "Ngày hoàn thành",
      result: "Kết quả thực hiện",
      status: "Tình trạng",
      remarks: "Ghi chú",
      events: "Số lần cập nhật",
    },
    fileName: (month: string) => `so-theo-doi-${month}.xlsx`,
    caption: (month: string) => `Sổ theo dõi nhiệm vụ tháng ${month} (.xlsx)`,
  },
} as const;
