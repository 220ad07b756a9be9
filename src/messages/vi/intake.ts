// Texts about reading a conclusion notice: the preview shown before anything is stored.
import { formatDay, formatMonth } from "../../domain/calendar.js";
import { shorten } from "../../domain/text.js";
import type { NoticeFinding, ParsedNotice, UnitInfo } from "../../domain/types.js";

const short = (text: string) => shorten(text, 160);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "kỳ tháng 12/2024", "kỳ 2025-W30". */
const cycleName = (key: string) => (/^\d{4}-\d{2}$/.test(key) ? `kỳ tháng ${formatMonth(key)}` : `kỳ ${key}`);

export const intake = {
  noMonth:
    "Không xác định được tháng của các nhiệm vụ (không thấy tiêu đề «Nhiệm vụ … tháng MM năm YYYY» " +
    "hay ngày họp giao ban), nên không đặt được hạn mặc định; chưa tạo nhiệm vụ nào.",
  invalidDate: (date: string, content: string) => `Ngày "${date}" không có thật nên không lấy làm hạn: ${content}`,
  notANotice:
    "Không tìm thấy nhiệm vụ nào: văn bản này không giống một Thông báo kết luận giao ban (cần có mục “Nhiệm vụ trọng tâm trong tháng …” với các phòng, đơn vị được giao việc). Không có gì được lưu.",
  sameNotice: (key: string) => `Thông báo này đã được nhập trước đây (${cycleName(key)}). Không nhập lại.`,
  periodHasNotice: (key: string, number: string | null) =>
    `${capitalise(cycleName(key))} đã có Thông báo kết luận${number ? ` (${number})` : ""}. Không nhập thêm thông báo thứ hai cho cùng một kỳ.`,
  /** Why a notice is not stored again: the same notice, or another one already for its period. */
  refused: (c: { reason: "same_notice" | "period_has_notice"; key: string; noticeNumber: string | null }) =>
    c.reason === "same_notice" ? intake.sameNotice(c.key) : intake.periodHasNotice(c.key, c.noticeNumber),
  stored: (created: number, parts: number, key: string, carried: number, closed: number) =>
    `Đã lưu ${created} nhiệm vụ (${parts} phần việc của các đơn vị) của ${cycleName(key)}.` +
    (carried > 0 ? ` Chuyển tiếp ${carried} nhiệm vụ chưa hoàn thành từ kỳ trước.` : "") +
    (closed > 0 ? ` Đóng ${closed} nhiệm vụ chưa hoàn thành của kỳ trước.` : ""),
  carryOverOffer: (n: number) =>
    `Nhập thông báo này sẽ đóng kỳ trước. Kỳ trước còn ${n} nhiệm vụ chưa hoàn thành: chuyển tiếp sang kỳ này (giữ nguyên lịch sử), hoặc đóng lại là chưa hoàn thành.`,
  /** Why a notice or a draft was not stored. */
  notStored: (r: { stale: true } | { closed: true } | { check: { reason: "same_notice" | "period_has_notice"; key: string; noticeNumber: string | null } }) =>
    "stale" in r ? intake.staleRefused : "closed" in r ? "Bản nháp này đã được lưu hoặc đã hủy; không lưu lần nữa." : intake.refused(r.check),
  closedReason: "Đóng khi nhập Thông báo kết luận kỳ mới, chưa hoàn thành",
  staleWarning: (end: string) =>
    `⚠️ Kỳ của thông báo này đã kết thúc (${formatDay(end)}). Chỉ lưu nếu đây là nhập muộn một thông báo cũ.`,
  staleRefused: "Kỳ của thông báo này đã qua. Nếu đúng là nhập muộn, hãy xác nhận bằng nút «Nhập muộn» (dòng lệnh: import TỆP --late). Chưa lưu gì.",

  /** The preview: what was found per unit, deadlines, and what could not be placed. */
  preview(parsed: ParsedNotice, units: UnitInfo[]): string {
    const { notice } = parsed;
    const lines = [
      "XEM TRƯỚC THÔNG BÁO KẾT LUẬN",
      `Số: ${notice.number ?? "(không rõ)"} · ngày ban hành: ${notice.issuedOn ? formatDay(notice.issuedOn) : "(không rõ)"}`,
      `Họp giao ban ngày: ${notice.meetingOn ? formatDay(notice.meetingOn) : "(không rõ)"} · nhiệm vụ tháng: ${notice.month ? formatMonth(notice.month) : "(không rõ)"}`,
      "",
    ];
    for (const unit of units) {
      const tasks = parsed.tasks.filter((t) => t.units.includes(unit.code));
      lines.push(`${unit.name} (${unit.code}): ${tasks.length} nhiệm vụ`);
      for (const t of tasks.filter((t) => t.deadlineStated)) lines.push(`  • hạn ${formatDay(t.deadline)}: ${short(t.content)}`);
    }
    const stated = parsed.tasks.filter((t) => t.deadlineStated).length;
    const defaulted = parsed.tasks.find((t) => !t.deadlineStated);
    lines.push("", `Hạn nêu rõ trong thông báo: ${stated} nhiệm vụ.`);
    if (defaulted) lines.push(`Nhiệm vụ không nêu hạn: hạn mặc định ${formatDay(defaulted.deadline)} (cuối kỳ).`);
    if (parsed.unplaced.length > 0) {
      lines.push("", `Không xếp được vào đơn vị nào (${parsed.unplaced.length} mục, sẽ không được lưu):`);
      for (const u of parsed.unplaced) lines.push(`  ? ${u.text}`);
    }
    for (const f of parsed.findings) lines.push(intake.finding(f));
    return lines.join("\n");
  },
  /** A finding of the importer, in a sentence. */
  finding(f: NoticeFinding): string {
    switch (f.code) {
      case "invalid_date":
        return intake.invalidDate(f.date, f.text);
      case "no_period":
        return intake.noMonth;
      case "no_task_part":
        return intake.notANotice;
      case "other_issuer":
        return `⚠️ Thông báo này có vẻ do cơ quan khác ban hành (${[f.issuer, f.number].filter(Boolean).join(", ")}).`;
      case "units_unmatched":
        return `⚠️ Phần lớn các đơn vị trong thông báo không có trong danh sách đơn vị: ${f.headings.join("; ")}.`;
    }
  },
} as const;
