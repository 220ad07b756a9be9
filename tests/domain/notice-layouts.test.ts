// The importer's rules one by one, on small texts: deadlines as offices write them, periods,
// units in headings and sentences, and the doubts about who issued a notice.
import { describe, expect, it } from "vitest";
import { draftFromNotice } from "../../src/domain/draft.js";
import { periodAfterMeeting, readDeadline, workingWeek } from "../../src/domain/notice/dates.js";
import { noticeDoubts, parseNotice, type NoticeOrg } from "../../src/domain/notice/parse.js";
import { draft } from "../../src/messages/vi/draft.js";

const org: NoticeOrg = {
  units: [
    { code: "VP", name: "Văn phòng UBND tỉnh", aliases: ["Văn phòng"] },
    { code: "STC", name: "Sở Tài chính", aliases: [] },
    { code: "SXD", name: "Sở Xây dựng", aliases: [] },
    { code: "SGTVT", name: "Sở Giao thông vận tải", aliases: [] },
    { code: "SNGV", name: "Sở Ngoại vụ", aliases: [] },
    { code: "BPC", name: "Ban Pháp chế", aliases: [] },
    { code: "BKTNS", name: "Ban Kinh tế - Ngân sách", aliases: [] },
  ],
  groups: [{ name: "các Ban HĐND Thành phố", aliases: [], units: ["BPC", "BKTNS"] }],
  issuer: { names: ["Ủy ban nhân dân tỉnh Quảng Ngãi", "UBND tỉnh Quảng Ngãi"], numberSuffixes: ["TB-UBND"] },
  briefing: { every: "month" },
};

const notice = (body: string, header = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/TB-UBND") =>
  `${header}\n\nNgày 04/7/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp giao ban, kết luận như sau:\n\n${body}\n\nNơi nhận:\n- Lưu: VT.`;
const ctx = { ref: "2025-07-04", nextBriefing: "2025-08-05" };

describe("deadlines as offices write them", () => {
  it.each([
    ["Báo cáo UBND tỉnh trước ngày 25/12/2024.", "2024-12-25", "date"],
    ["Trình UBND tỉnh chậm nhất là ngày 05 tháng 8 năm 2025.", "2025-08-05", "date"],
    ["Gửi Sở Tài chính, thời hạn: 18/12/2024.", "2024-12-18", "date"],
    ["Tổng hợp số liệu (hạn báo cáo ngày 10/7/2025).", "2025-07-10", "date"],
    ["Tổng kết công tác, xong trong tháng 12/2024.", "2024-12-31", "month"],
    ["Rà soát các dự án trong quý III/2025.", "2025-09-30", "quarter"],
    ["Hoàn thiện hồ sơ trước 15/7.", "2025-07-15", "date"],
    ["Gửi dự thảo trước ngày 10/01.", "2026-01-10", "date"],
    ["Báo cáo tiến độ trước ngày 20 hằng tháng.", "2025-07-20", "recurring"],
    ["Báo cáo kết quả tại cuộc họp giao ban tiếp theo.", "2025-08-05", "next_briefing"],
    ["Báo cáo trước 16 giờ ngày 25/7/2025.", "2025-07-25", "date"],
    // A span is due at its end.
    ["Kiểm tra từ ngày 01/7 đến ngày 15/7/2025.", "2025-07-15", "date"],
    ["Kiểm tra từ 01/7 đến 15/7.", "2025-07-15", "date"],
    ["Tổ chức trong thời gian từ 10/7/2025 - 20/7/2025.", "2025-07-20", "date"],
    ["Triển khai từ tháng 7 đến tháng 9.", "2025-09-30", "month"],
    ["Thu thập số liệu từ ngày 01 đến ngày 10/8/2025.", "2025-08-10", "date"],
    ["Rà soát từ nay đến hết ngày 20/7/2025.", "2025-07-20", "date"],
    // Other ways of writing a day.
    ["Gửi báo cáo chậm nhất ngày 20/7.", "2025-07-20", "date"],
    ["Hoàn thành trong tháng 8/2025.", "2025-08-31", "month"],
    ["Trình UBND tỉnh trước ngày 30 tháng 9 năm 2025.", "2025-09-30", "date"],
    ["Nộp hồ sơ trước ngày 15.7.2025.", "2025-07-15", "date"],
    ["Nộp hồ sơ trước ngày 15-7-2025.", "2025-07-15", "date"],
    // Tết 2026 begins on Tuesday 17/02; the eve (16/02) is a holiday, so the last working day is Friday 13/02.
    ["Chi trả trợ cấp trước Tết Nguyên đán.", "2026-02-13", "date"],
    ["Chi trả trợ cấp trước Tết Âm lịch.", "2026-02-13", "date"],
    ["Chi trả trợ cấp trước Tết.", "2026-02-13", "date"],
    // Tết 2025 began on Wednesday 29/01, its eve a holiday: Monday 27/01.
    ["Chi trả trợ cấp trước Tết Nguyên đán Ất Tỵ 2025.", "2025-01-27", "date"],
    // Tết Dương lịch is 1 January: Wednesday 31/12/2025 is the last working day before it.
    ["Tổng kết trước Tết Dương lịch.", "2025-12-31", "date"],
    // Counted from the notice (here the meeting, Friday 04/7/2025, as ctx states no issue day).
    ["Báo cáo kết quả trong thời hạn 05 ngày làm việc.", "2025-07-11", "relative"],
    ["Hoàn thành không quá 15 ngày làm việc kể từ ngày ký.", "2025-07-25", "relative"],
    ["Gửi báo cáo trong 10 ngày kể từ ngày ban hành Thông báo này.", "2025-07-14", "relative"],
    ["Rà soát, báo cáo trong 05 ngày làm việc.", "2025-07-11", "relative"],
  ])("%s → %s (%s)", (text, day, kind) => {
    expect(readDeadline(text.toLowerCase(), ctx).deadline).toMatchObject({ day, kind });
  });

  it("counts 'trong 05 ngày làm việc' from the day the notice was issued, over public holidays; a duration is no deadline", () => {
    // Thursday 28/8/2025: Friday 29/8, then 1 and 2/9 are National Day, then 3, 4, 5 and Monday 8/9.
    expect(readDeadline("báo cáo trong 05 ngày làm việc kể từ ngày ký.", { ...ctx, issuedOn: "2025-08-28" }).deadline).toMatchObject({ day: "2025-09-08", kind: "relative" });
    expect(readDeadline("tổ chức tập huấn trong 02 ngày tại tỉnh.", ctx).deadline).toBeNull();
    expect(readDeadline("đoàn làm việc 03 ngày với các huyện.", ctx).deadline).toBeNull();
    expect(readDeadline("trong 0 ngày làm việc.", ctx).invalid).toEqual(["0 ngày làm việc"]);
  });

  it("counts a notice's 'trong 05 ngày làm việc' from the day it was issued, and says so in the preview", () => {
    const header = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/TB-UBND\nQuảng Ngãi, ngày 07 tháng 7 năm 2025";
    const parsed = parseNotice(notice("II. NHIỆM VỤ\n\n1. Sở Tài chính báo cáo kết quả trong thời hạn 05 ngày làm việc kể từ ngày ký.", header), org);
    expect(parsed.notice.issuedOn).toBe("2025-07-07");
    expect(parsed.tasks[0]).toMatchObject({ units: ["STC"], deadline: "2025-07-14", deadlineKind: "relative", deadlineStated: true });
    // The draft's page says the day was counted, for the secretary to check.
    expect(draft.taskPage(draftFromNotice({ ...parsed, notice: { ...parsed.notice, period: parsed.notice.period! } }), 0, 1)).toContain("hạn 14/07/2025 (tính từ ngày ban hành thông báo)");
  });

  it("reads the Tết after the meeting, and the org's official days off before it", () => {
    const january = { ref: "2025-01-06", nextBriefing: "2025-02-05" };
    expect(readDeadline("hoàn thành trước tết nguyên đán.", january).deadline?.day).toBe("2025-01-27");
    // 2025 as the government set it: 27/01 off too.
    expect(readDeadline("hoàn thành trước tết nguyên đán.", { ...january, calendar: workingWeek({ daysOff: ["2025-01-27"] }) }).deadline?.day).toBe("2025-01-24");
    // Met after Tết: the next one.
    expect(readDeadline("hoàn thành trước tết.", { ...january, ref: "2025-02-10" }).deadline?.day).toBe("2026-02-13");
  });

  it("reads a span in a deadline cell as due at its end", () => {
    expect(readDeadline("từ 01/7 đến 15/7/2025", ctx, true).deadline?.day).toBe("2025-07-15");
    expect(readDeadline("trước tết nguyên đán", ctx, true).deadline?.day).toBe("2026-02-13");
    expect(readDeadline("sau tết", ctx, true)).toMatchObject({ deadline: null, after: "2026-02-17" });
  });

  it("reads a span that starts after Tết as due at its end", () => {
    expect(readDeadline("ra quân trồng cây từ sau tết nguyên đán đến ngày 15/3/2026.", ctx)).toEqual({
      deadline: { day: "2026-03-15", kind: "date", recurring: null },
      invalid: [],
      after: "2026-02-17",
    });
  });

  it.each([
    ["Tổ chức gặp mặt sau Tết Nguyên đán.", "2026-02-17"],
    ["Tổng kết sau ngày 15/8/2025.", "2025-08-15"],
    ["Triển khai thí điểm từ ngày 01/9/2025.", "2025-09-01"],
  ])("takes %j as when the task starts, never as its deadline", (text, after) => {
    expect(readDeadline(text.toLowerCase(), ctx)).toEqual({ deadline: null, invalid: [], after });
  });

  it("reports a day that does not exist, written with dots or dashes too", () => {
    for (const day of ["31/6/2025", "31.6.2025", "31-6-2025"]) {
      expect(readDeadline(`nộp trước ngày ${day}.`, ctx)).toEqual({ deadline: null, invalid: [day], after: null });
    }
  });

  it("records a recurring deadline as such", () => {
    expect(readDeadline("báo cáo trước ngày 20 hằng tháng.", { ...ctx, ref: "2025-07-21" }).deadline).toEqual({
      day: "2025-08-20",
      kind: "recurring",
      recurring: { dayOfMonth: 20 },
    });
  });

  it.each([
    "Thực hiện Công văn số 7968/BNV-TCBC ngày 28/11/2024 của Bộ Nội vụ.",
    "Đoàn làm việc với lãnh đạo tỉnh lúc 16 giờ ngày 30/7/2026.",
    "Tổng số cán bộ có mặt 09/09.",
    "Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn 2025 – 2050.",
    "Triển khai kế hoạch tháng 12/2024 của Sở.",
    "Báo cáo định kỳ hằng tháng.",
    "Thực hiện Nghị định có hiệu lực từ ngày 01/9/2025.",
    "Áp dụng giá theo Quyết định có hiệu lực từ ngày 01/7 đến ngày 31/12/2025.",
    "Trực bảo đảm an ninh trong Tết Nguyên đán.",
  ])("finds no deadline in %j", (text) => {
    expect(readDeadline(text.toLowerCase(), ctx)).toEqual({ deadline: null, invalid: [], after: null });
  });
});

describe("periods", () => {
  it("follows the org's rhythm from the meeting date", () => {
    expect(periodAfterMeeting("2024-11-29", "month")).toEqual({ kind: "month", start: "2024-12-01", end: "2024-12-31" });
    expect(periodAfterMeeting("2025-07-04", "month")).toEqual({ kind: "month", start: "2025-07-01", end: "2025-07-31" });
    expect(periodAfterMeeting("2025-07-21", "week")).toEqual({ kind: "week", start: "2025-07-21", end: "2025-07-27" });
    expect(periodAfterMeeting("2025-07-25", "week")).toEqual({ kind: "week", start: "2025-07-28", end: "2025-08-03" });
    expect(periodAfterMeeting("2024-12-26", "quarter")).toEqual({ kind: "quarter", start: "2025-01-01", end: "2025-03-31" });
    expect(periodAfterMeeting("2025-04-03", "quarter")).toEqual({ kind: "quarter", start: "2025-04-01", end: "2025-06-30" });
  });

  it.each([
    ["II. NHIỆM VỤ TUẦN THỨ 30", { kind: "week", start: "2025-07-21", end: "2025-07-27" }],
    ["II. Nhiệm vụ trọng tâm quý IV/2025", { kind: "quarter", start: "2025-10-01", end: "2025-12-31" }],
    ["II. Nhiệm vụ tháng 8 năm 2025", { kind: "month", start: "2025-08-01", end: "2025-08-31" }],
  ])("reads the period of %j", (heading, period) => {
    const parsed = parseNotice(notice(`${heading}\n\n1. Sở Tài chính: Thẩm định dự toán.`), org);
    expect(parsed.notice.period).toEqual(period);
    expect(parsed.tasks[0]).toMatchObject({ units: ["STC"], deadline: period.end, deadlineKind: "default", deadlineStated: false });
  });
});

describe("units wherever a notice names them", () => {
  const tasks = (body: string) => parseNotice(notice(`II. NHIỆM VỤ TRỌNG TÂM\n\n${body}`), org).tasks.map((t) => [t.units.join(), t.support.join(), t.source]);

  it("reads several units in one heading, and 'Giao X' as a heading", () => {
    expect(tasks("1. Sở Xây dựng, Sở Giao thông vận tải:\na) Rà soát hồ sơ.\n2. Giao Ban Pháp chế\n- Thẩm tra tờ trình.")).toEqual([
      ["SXD,SGTVT", "", "II.1.a"],
      ["BPC", "", "II.2"],
    ]);
  });

  it("reads the lead and the coordinating units inside a sentence", () => {
    expect(tasks("1. Sở Xây dựng chủ trì, phối hợp với Sở Giao thông vận tải và Sở Tài chính rà soát hồ sơ.")).toEqual([["SXD", "SGTVT,STC", "II.1"]]);
    expect(tasks("2. Văn phòng nghiên cứu, phối hợp Sở Ngoại vụ tham mưu chương trình đón tiếp.")).toEqual([["VP", "SNGV", "II.2"]]);
    expect(tasks("3. Về tái định cư: giao Sở Tài chính thẩm định, trình UBND tỉnh trước ngày 31/12/2025.")).toEqual([["STC", "", "II.3"]]);
    expect(tasks("4. Đề nghị Sở Ngoại vụ chuẩn bị lễ tân.")).toEqual([["SNGV", "", "II.4"]]);
  });

  it("reads a unit through its head's title", () => {
    expect(tasks("1. Giao Giám đốc Sở Xây dựng chủ trì, phối hợp với Giám đốc Sở Tài chính kiểm tra.")).toEqual([["SXD", "STC", "II.1"]]);
    expect(tasks("2. Chánh Văn phòng:\n- Theo dõi, đôn đốc.")).toEqual([["VP", "", "II.2"]]);
  });

  it("reads the coordinating units after a general group that is nobody of the org", () => {
    expect(tasks("1. Sở Xây dựng chủ trì, phối hợp với UBND các huyện, thị xã, thành phố và Sở Tài chính rà soát hồ sơ.")).toEqual([["SXD", "STC", "II.1"]]);
    expect(tasks("2. Sở Xây dựng chủ trì, phối hợp với các cơ quan, đơn vị có liên quan, Sở Giao thông vận tải kiểm tra.")).toEqual([["SXD", "SGTVT", "II.2"]]);
    // The list ends where its clause does: a unit after it is no coordinator.
    expect(tasks("3. Sở Xây dựng chủ trì, phối hợp với UBND các huyện và địa phương liên quan triển khai; Sở Tài chính bố trí kinh phí.")).toEqual([["SXD", "", "II.3"]]);
    expect(tasks("4. Sở Xây dựng chủ trì, phối hợp với các đơn vị liên quan thực hiện, Sở Tài chính bảo đảm kinh phí.")).toEqual([["SXD", "", "II.4"]]);
  });

  it("makes 'phối hợp với Y' under X's heading coordinating, never responsible", () => {
    expect(tasks("1. Sở Tài chính:\n- Phối hợp với Sở Xây dựng kiểm tra giá vật liệu.")).toEqual([["STC", "SXD", "II.1"]]);
  });

  it("keeps a unit's item with its task among the items of a common section", () => {
    expect(tasks("1. Các sở, ban, ngành thực hiện các nhiệm vụ sau:\n- Sở Tài chính: bố trí kinh phí.\n- Rà soát thủ tục hành chính.")).toEqual([
      ["STC", "", "II.1"],
      ["VP,STC,SXD,SGTVT,SNGV,BPC,BKTNS", "", "II.1"],
    ]);
  });

  it("reads Vietnamese letters and every marker style", () => {
    const part = "1) Sở Tài chính:\nd) Việc một.\nđ) Việc hai.\n2) Sở Xây dựng:\n• Việc ba.\n+ Việc bốn.\n(a) Việc năm.";
    expect(tasks(part)).toEqual([
      ["STC", "", "II.1.d"],
      ["STC", "", "II.1.đ"],
      ["SXD", "", "II.2"],
      ["SXD", "", "II.2"],
      ["SXD", "", "II.2.a"],
    ]);
  });

  it("reads a list whose names share their first word ('các Sở: Tài chính, Xây dựng')", () => {
    expect(tasks("1. Giao các Sở: Tài chính, Xây dựng rà soát đơn giá.")).toEqual([["STC,SXD", "", "II.1"]]);
    expect(tasks("2. Sở Ngoại vụ chủ trì, phối hợp với các Sở Tài chính, Giao thông vận tải chuẩn bị đón đoàn.")).toEqual([["SNGV", "STC,SGTVT", "II.2"]]);
    expect(tasks("3. Sở Xây dựng, Tài chính kiểm tra giá vật liệu.")).toEqual([["SXD,STC", "", "II.3"]]);
    expect(tasks("5. Giao Giám đốc các Sở: Xây dựng, Tài chính kiểm tra giá vật liệu.")).toEqual([["SXD,STC", "", "II.5"]]);
    // A shared word names no unit by itself: "các phòng chuyên môn" is nobody of this org.
    expect(tasks("4. Sở Xây dựng phối hợp với các phòng chuyên môn kiểm tra.")).toEqual([["SXD", "", "II.4"]]);
  });

  it("makes 'thống nhất với Y' coordinating, and gives no role to names in a proposal ('theo hướng: …')", () => {
    expect(tasks("1. Sở Xây dựng trao đổi, thống nhất với Sở Tài chính về đơn giá.")).toEqual([["SXD", "STC", "II.1"]]);
    expect(tasks("2. Sở Xây dựng thống nhất với Sở Tài chính theo hướng: Sở Tài chính chủ trì thẩm định; Sở Giao thông vận tải chủ trì nghiệm thu.")).toEqual([
      ["SXD", "STC", "II.2"],
    ]);
  });

  it("reads a group named in the org file and the phrases for every unit", () => {
    expect(tasks("1. Các Ban HĐND Thành phố chủ động xây dựng chương trình giám sát.")).toEqual([["BPC,BKTNS", "", "II.1"]]);
    expect(tasks("2. Các sở, ban, ngành:\n- Rà soát thủ tục hành chính.")).toEqual([["VP,STC,SXD,SGTVT,SNGV,BPC,BKTNS", "", "II.2"]]);
  });
});

describe("sections written as sentences", () => {
  const read = (body: string) => parseNotice(notice(body), org);

  it("makes a sentence before a list a task; its parts take its day when they state none, not its coordinating units", () => {
    const body = [
      "2. Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, Sở Giao thông vận tải hoàn thiện Đề án, trình UBND tỉnh trước ngày 20/7/2025. Trong đó chú ý một số nội dung sau:",
      "- Về giá vật liệu:",
      "Sở Xây dựng rà soát đơn giá, thống nhất với Sở Tài chính.",
      "Sở Giao thông vận tải có văn bản gửi Sở Xây dựng về tải trọng, trước ngày 15/7/2025.",
      "3. Sở Xây dựng hoàn thiện dự thảo Quyết định.",
    ].join("\n\n");
    expect(read(body).tasks.map((t) => [t.units.join(), t.support.join(), t.deadline, t.deadlineKind, t.source])).toEqual([
      ["SXD", "STC,SGTVT", "2025-07-20", "date", "2"],
      ["SXD", "STC", "2025-07-20", "date", "2"],
      ["SGTVT", "", "2025-07-15", "date", "2"],
      ["SXD", "", "2025-07-31", "default", "3"],
    ]);
    // A day counted from the notice ("trong 05 ngày làm việc"; the meeting's Friday 04/7 here) is stated as well.
    const counted = ["1. Sở Xây dựng rà soát hồ sơ, báo cáo trong 05 ngày làm việc. Trong đó chú ý một số nội dung sau:", "- Sở Xây dựng rà soát đơn giá."].join("\n\n");
    expect(read(counted).tasks.map((t) => [t.deadline, t.deadlineKind])).toEqual([
      ["2025-07-11", "relative"],
      ["2025-07-11", "relative"],
    ]);
  });

  it("keeps a topic written as sentences before its list a heading when it names no unit", () => {
    const parsed = read("II. NHIỆM VỤ\n\n1. Sở Tài chính:\n\na) Về dự toán năm 2026. Cụ thể:\n\n- Thẩm định dự toán.");
    expect(parsed.tasks.map((t) => [t.units.join(), t.content])).toEqual([["STC", "Thẩm định dự toán."]]);
  });

  it("gives the lines under a unit's heading the day it states", () => {
    const parsed = read("II. NHIỆM VỤ\n\n1. Sở Tài chính: hoàn thành trước ngày 25/7/2025 các việc sau:\n\n- Thẩm định dự toán.\n\n- Bố trí vốn, xong trong tháng 8/2025.");
    expect(parsed.tasks.map((t) => [t.units.join(), t.deadline, t.deadlineKind])).toEqual([
      ["STC", "2025-07-25", "date"],
      ["STC", "2025-08-31", "month"],
    ]);
  });

  it("reads 'trước Tết' with the org's official days off", () => {
    const body = "II. NHIỆM VỤ\n\n1. Sở Tài chính chi trả trợ cấp trước Tết Nguyên đán.";
    const january = (text: string) => text.replace("Ngày 04/7/2025", "Ngày 06/01/2025");
    expect(parseNotice(january(notice(body)), org).tasks[0]!.deadline).toBe("2025-01-27");
    const official = { ...org, calendar: { daysOff: ["2025-01-27"], workingDays: ["2025-02-08"] } };
    expect(parseNotice(january(notice(body)), official).tasks[0]!.deadline).toBe("2025-01-24");
  });

  it("keeps a section that only assesses or reports out of the tasks, shown as unplaced", () => {
    const report = "1. Công tác giải ngân còn chậm. Luật Đầu tư công giao Sở Tài chính chủ trì thẩm định. Sở Tài chính đã tham mưu kịp thời.";
    const body = [report, "2. Dịch sốt xuất huyết diễn biến phức tạp. Giao Sở Ngoại vụ phối hợp thông tin cho khách nước ngoài."].join("\n\n");
    const parsed = read(body);
    expect(parsed.tasks.map((t) => [t.units.join(), t.source])).toEqual([["SNGV", "2"]]);
    expect(parsed.unplaced).toEqual([{ text: report, suggestedUnits: ["STC"] }]);
  });

  it("never takes a date cited in the first section for the period", () => {
    const parsed = read("1. Sở Tài chính thực hiện Nghị định 06/2022/NĐ-CP ngày 07 tháng 01 năm 2022, báo cáo kết quả.");
    expect(parsed.notice.period).toEqual({ kind: "month", start: "2025-07-01", end: "2025-07-31" });
    expect(parsed.tasks[0]).toMatchObject({ units: ["STC"], deadline: "2025-07-31", deadlineKind: "default" });
  });

  it("starts the body after a preamble that ends with 'kết luận:'", () => {
    const text = notice("I. ĐÁNH GIÁ CHUNG\n\nTuy nhiên, tiến độ triển khai còn chậm:\n\nThứ nhất, giải ngân thấp.\n\nII. NHIỆM VỤ\n\n1. Sở Tài chính\n\n- Thẩm định dự toán.").replace(
      "kết luận như sau:",
      "đồng chí Chủ tịch UBND tỉnh kết luận:",
    );
    const parsed = parseNotice(text, org);
    expect(parsed.tasks.map((t) => [t.units.join(), t.content])).toEqual([["STC", "Thẩm định dự toán."]]);
    expect(parsed.unplaced).toEqual([]);
  });

  it("says when a task starts after its default deadline ('sau Tết'), keeping the default", () => {
    const parsed = read("II. NHIỆM VỤ\n\n1. Sở Ngoại vụ tổ chức gặp mặt kiều bào sau Tết Nguyên đán.");
    expect(parsed.tasks[0]).toMatchObject({ deadline: "2025-07-31", deadlineStated: false, deadlineKind: "default" });
    expect(parsed.findings).toEqual([{ code: "starts_after_deadline", after: "2026-02-17", deadline: "2025-07-31", text: "Sở Ngoại vụ tổ chức gặp mặt kiều bào sau Tết Nguyên đán." }]);
  });
});

describe("doubts about the notice", () => {
  const body = "II. NHIỆM VỤ\n\n1. Sở Tài chính: Thẩm định dự toán.";

  it("has none for the org's own notice", () => {
    const parsed = parseNotice(notice(body), org);
    expect(parsed.notice.issuer).toBe("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
    expect(noticeDoubts(parsed)).toEqual([]);
  });

  it("flags another body's header or number suffix", () => {
    const other = parseNotice(notice(body, "UBND TỈNH QUẢNG NGÃI\nSỞ TÀI CHÍNH\nSố: 9/TB-STC"), org);
    expect(noticeDoubts(other)).toEqual([{ code: "other_issuer", issuer: "SỞ TÀI CHÍNH", number: "9/TB-STC" }]);
    const suffix = parseNotice(notice(body, "Số: 9/TB-STC"), org);
    expect(noticeDoubts(suffix)).toEqual([{ code: "other_issuer", issuer: null, number: "9/TB-STC" }]);
    expect(noticeDoubts(parseNotice(notice(body, "Số: 9/TB-STC"), { ...org, issuer: undefined }))).toEqual([]);
    // Checked again against the org given: one that now names the Sở Tài chính as its issuer.
    expect(noticeDoubts(suffix, { issuer: { names: [], numberSuffixes: ["TB-STC"] } })).toEqual([]);
  });

  it("flags unit headings that mostly match no unit, and shows their lines", () => {
    const parsed = parseNotice(notice("II. NHIỆM VỤ\n\n1. Sở Công Thương:\n- Việc một.\n2. Sở Tư pháp:\n- Việc hai.\n3. Sở Tài chính:\n- Việc ba."), org);
    expect(noticeDoubts(parsed)).toEqual([{ code: "units_unmatched", headings: ["Sở Công Thương", "Sở Tư pháp"] }]);
    expect(parsed.unplaced.map((u) => u.text)).toEqual(["1. Sở Công Thương:", "- Việc một.", "2. Sở Tư pháp:", "- Việc hai."]);
    expect(parsed.tasks.map((t) => t.units.join())).toEqual(["STC"]);
  });
});

describe("a header copied from a web page", () => {
  it("drops the rule under a body's name written in its cell", () => {
    const header = "SỞ TÀI CHÍNH -------\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nSố: 9/TB-STC\tQuảng Ngãi, ngày 07 tháng 7 năm 2025";
    expect(parseNotice(notice("II. NHIỆM VỤ\n\n1. Sở Tài chính: Thẩm định dự toán.", header), org).notice.issuer).toBe("SỞ TÀI CHÍNH");
  });

  it("reads the number, date and issuer across broken lines", () => {
    const header = "ỦY BAN NHÂN\nDÂN\nTỈNH QUẢNG NGÃI\n--------\n|\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n|\nSố:\n08/TB-UBND\n|\nQuảng Ngãi,\nngày 07 tháng 7 năm 2025\n|\nTHÔNG BÁO";
    const parsed = parseNotice(notice("II. NHIỆM VỤ\n\n1. Sở Tài chính: Thẩm định dự toán.", header), org);
    expect(parsed.notice).toMatchObject({ number: "08/TB-UBND", issuedOn: "2025-07-07", issuer: "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" });
    expect(noticeDoubts(parsed)).toEqual([]);
  });
});

describe("lines broken anywhere (a copied web page or PDF)", () => {
  it("joins a line starting in lower case to the line above, numbered or not", () => {
    const body = "II. NHIỆM VỤ\n1. Sở Xây dựng chủ trì, phối hợp\nvới Sở Giao thông vận tải rà soát hồ sơ, báo cáo trước\nngày 05/8/2025.\n2. Sở Tài chính:\n- Thẩm định\nphương án tài chính.";
    const parsed = parseNotice(notice(body), org);
    expect(parsed.tasks.map((t) => [t.units.join(), t.support.join(), t.content, t.deadline])).toEqual([
      ["SXD", "SGTVT", "Sở Xây dựng chủ trì, phối hợp với Sở Giao thông vận tải rà soát hồ sơ, báo cáo trước ngày 05/8/2025.", "2025-08-05"],
      ["STC", "", "Thẩm định phương án tài chính.", "2025-07-31"],
    ]);
  });
});
